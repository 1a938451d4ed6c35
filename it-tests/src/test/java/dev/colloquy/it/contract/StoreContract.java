package dev.colloquy.it.contract;

/**
 * The whole contract every backend must pass, unchanged. A backend's test class implements this
 * interface and supplies the database under test; nothing in a contract knows which backend runs.
 */
public interface StoreContract
        extends ProjectContract,
                ConversationContract,
                MessageContract,
                SearchContract,
                SemanticContract,
                TokenContract,
                RetentionContract,
                IsolationContract,
                ValidationContract,
                FidelityContract,
                IdempotencyContract,
                SchemaContract,
                KeyContract,
                StructuredMessageContract {}
