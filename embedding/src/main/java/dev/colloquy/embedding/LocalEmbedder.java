package dev.colloquy.embedding;

import dev.colloquy.semantic.VectorModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The model bundled in the JAR: all-MiniLM-L6-v2, quantized to 8 bits (384 dimensions), run by
 * ONNX Runtime inside the JVM. Nothing is downloaded: the model, its tokenizer and the native
 * library come with the application. A text longer than 510 word pieces is embedded in parts of
 * 510 whose vectors are averaged, weighted by their lengths.
 */
public final class LocalEmbedder implements Embedder {

    /** The name its vectors are stored under. */
    public static final String MODEL_NAME = "all-minilm-l6-v2-q";

    private static final VectorModel MODEL = new VectorModel(MODEL_NAME, 384);

    /** What a blank text is embedded as. */
    static final String BLANK = "(empty)";

    private static LocalEmbedder shared;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    /**
     * The process's one instance, loaded and checked on first use: the model is immutable and safe
     * to use from several threads, so every service of a JVM shares it (and its memory).
     */
    public static synchronized LocalEmbedder shared() {
        if (shared == null) {
            shared = new LocalEmbedder();
        }
        return shared;
    }

    /** Loads the model (about a second) and runs {@link SanityCheck} on it. */
    public LocalEmbedder() {
        this(Runnable::run);
    }

    /**
     * Loads the model, whose batches of texts are embedded on {@code executor} (the calling thread:
     * {@code Runnable::run}), then checks it.
     */
    public LocalEmbedder(Executor executor) {
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
        SanityCheck.run(this);
    }

    @Override
    public VectorModel model() {
        return MODEL;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        var segments = new ArrayList<TextSegment>(texts.size());
        for (String text : texts) {
            // A blank text is refused by the model; a message without text is embedded as this
            // placeholder, so that it has a vector (one of "nothing said") like any other.
            segments.add(TextSegment.from(text.isBlank() ? BLANK : text));
        }
        var vectors = new ArrayList<float[]>(texts.size());
        for (Embedding embedding : model.embedAll(segments).content()) {
            vectors.add(embedding.vector());
        }
        return vectors;
    }
}
