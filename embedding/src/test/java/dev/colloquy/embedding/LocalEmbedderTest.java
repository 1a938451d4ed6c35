package dev.colloquy.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colloquy.semantic.VectorModel;
import dev.colloquy.semantic.Vectors;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled model, really run: its vectors, their determinism, and the check that guards it. */
class LocalEmbedderTest {

    private static final LocalEmbedder MODEL = LocalEmbedder.shared();

    private static double similarity(String a, String b) {
        var vectors = MODEL.embed(List.of(a, b));
        return Vectors.similarity(Vectors.unit(vectors.get(0)), Vectors.unit(vectors.get(1)));
    }

    @Test
    void paraphrasesAreNearerThanUnrelatedSentences() {
        assertThat(MODEL.model()).isEqualTo(new VectorModel("all-minilm-l6-v2-q", 384));
        double paraphrase = similarity("reset my password", "I forgot my login credentials");
        double unrelated = similarity("reset my password", "The weather is sunny today");
        assertThat(paraphrase).isGreaterThan(0.6);
        assertThat(unrelated).isLessThan(0.2);
        assertThat(similarity("my parcel has not been delivered", "the package never arrived"))
                .isGreaterThan(similarity("my parcel has not been delivered", "how to bake sourdough bread") + 0.3);
    }

    @Test
    void aTextHasTheSameVectorAloneOrInABatchToTheBit() {
        var texts = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            texts.add("message " + i + " about order " + (i * 37) + (i % 3 == 0 ? " which never arrived" : ""));
        }
        texts.add("");
        texts.add("word ".repeat(600)); // longer than the 510 word pieces of one inference
        var batch = MODEL.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = MODEL.embed(texts.get(i));
            assertThat(alone).hasSize(384);
            assertThat(Arrays.equals(alone, batch.get(i)))
                    .as("text %d alone and in a batch", i)
                    .isTrue();
        }
    }

    @Test
    void theVectorsAreLangChain4jsOwnForTheModelWhateverTheNumberOfThreads() {
        var texts = new ArrayList<String>();
        for (int i = 0; i < 40; i++) {
            texts.add("order " + i + " was " + "never ".repeat(i % 7) + "delivered to " + (i * 13) + " Main Street");
        }
        texts.add("word ".repeat(700));
        var reference = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        var expected = reference
                .embedAll(texts.stream().map(TextSegment::from).toList())
                .content();
        var oneThread = new LocalEmbedder(1).embed(texts);
        var threeThreads = new LocalEmbedder(3).embed(texts);
        var shared = MODEL.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] vector = expected.get(i).vector();
            assertThat(Arrays.equals(oneThread.get(i), vector))
                    .as("text %d, one thread", i)
                    .isTrue();
            assertThat(Arrays.equals(threeThreads.get(i), vector))
                    .as("text %d, three threads", i)
                    .isTrue();
            assertThat(Arrays.equals(shared.get(i), vector))
                    .as("text %d, shared", i)
                    .isTrue();
        }
        assertThatThrownBy(() -> new LocalEmbedder(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be at least 1, was 0");
    }

    @Test
    void aModelThatComputesNothingUsefulFailsItsCheck() {
        Embedder constant = new Embedder() {
            @Override
            public VectorModel model() {
                return new VectorModel("constant", 3);
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                return texts.stream().map(text -> new float[] {1, 0, 0}).toList();
            }
        };
        assertThatThrownBy(() -> SanityCheck.run(constant))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the embedding model constant failed its check")
                .hasMessageContaining("unrelated sentences 1.000");
        Embedder zeros = new Embedder() {
            @Override
            public VectorModel model() {
                return new VectorModel("zeros", 3);
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                return texts.stream().map(text -> new float[3]).toList();
            }
        };
        assertThatThrownBy(() -> SanityCheck.run(zeros))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unusable vector: a zero vector has no direction");
        Embedder wrongSize = new Embedder() {
            @Override
            public VectorModel model() {
                return new VectorModel("short", 4);
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                return texts.stream().map(text -> new float[] {1, 2, 3}).toList();
            }
        };
        assertThatThrownBy(() -> SanityCheck.run(wrongSize)).hasMessageContaining("3 dimensions, not 4");
        Embedder broken = new Embedder() {
            @Override
            public VectorModel model() {
                return new VectorModel("broken", 4);
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                throw new UnsatisfiedLinkError("no onnxruntime in java.library.path");
            }
        };
        assertThatThrownBy(() -> SanityCheck.run(broken)).hasMessageContaining("failed to embed its check sentences");
    }
}
