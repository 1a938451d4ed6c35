package dev.colloquy.embedding;

import dev.colloquy.semantic.Vectors;
import java.util.List;

/**
 * A model's check before it is used: two paraphrases must be near, and an unrelated sentence far,
 * so that a model that loads but computes nothing useful (a broken native library, a wrong file)
 * stops the start instead of filling the database with meaningless vectors.
 */
public final class SanityCheck {

    /** Two sentences of one meaning and a third of another. */
    static final String FIRST = "reset my password";

    static final String PARAPHRASE = "I forgot my login credentials";
    static final String UNRELATED = "The weather is sunny today";

    /** The least similarity of the paraphrases, and the most of the unrelated pair. */
    static final double NEAR = 0.5;

    static final double FAR = 0.3;

    private SanityCheck() {}

    /** Throws {@link IllegalStateException} naming the model and what it computed, if it fails. */
    public static void run(Embedder embedder) {
        List<float[]> vectors;
        try {
            vectors = embedder.embed(List.of(FIRST, PARAPHRASE, UNRELATED));
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(
                    "the embedding model " + embedder.model().name() + " failed to embed its check sentences: " + e, e);
        }
        if (vectors.size() != 3) {
            throw new IllegalStateException("the embedding model "
                    + embedder.model().name() + " returned " + vectors.size() + " vectors for 3 check sentences");
        }
        float[][] units = new float[3][];
        for (int i = 0; i < 3; i++) {
            float[] vector = vectors.get(i);
            if (vector.length != embedder.model().dimensions()) {
                throw new IllegalStateException(
                        "the embedding model " + embedder.model().name() + " returned a vector of " + vector.length
                                + " dimensions, not " + embedder.model().dimensions());
            }
            try {
                units[i] = Vectors.unit(vector);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "the embedding model " + embedder.model().name() + " returned an unusable vector: "
                                + e.getMessage(),
                        e);
            }
        }
        double near = Vectors.similarity(units[0], units[1]);
        double far = Vectors.similarity(units[0], units[2]);
        if (!(near >= NEAR) || !(far <= FAR)) {
            throw new IllegalStateException(String.format(
                    java.util.Locale.ROOT,
                    "the embedding model %s failed its check: paraphrases %.3f similar (at least %.1f expected),"
                            + " unrelated sentences %.3f (at most %.1f expected)",
                    embedder.model().name(),
                    near,
                    NEAR,
                    far,
                    FAR));
        }
    }
}
