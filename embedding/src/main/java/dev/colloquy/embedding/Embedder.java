package dev.colloquy.embedding;

import dev.colloquy.semantic.VectorModel;
import java.util.List;

/** Turns texts into vectors of one model, whose name and dimensions are stored with each vector. */
public interface Embedder {

    /** The model, as its vectors are stored. */
    VectorModel model();

    /** One vector per text, in order, each of {@link VectorModel#dimensions()} components. */
    List<float[]> embed(List<String> texts);

    /** What {@link #observed} reports of each call of {@link #embed}. */
    @FunctionalInterface
    interface Observer {
        /** {@code texts} embedded in {@code nanos} nanoseconds. */
        void embedded(int texts, long nanos);
    }

    /** {@code embedder}, telling {@code observer} of every batch it embeds (not of those it fails). */
    static Embedder observed(Embedder embedder, Observer observer) {
        return new Embedder() {
            @Override
            public VectorModel model() {
                return embedder.model();
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                long start = System.nanoTime();
                var vectors = embedder.embed(texts);
                observer.embedded(texts.size(), System.nanoTime() - start);
                return vectors;
            }
        };
    }

    /** {@link #embed} of one text. */
    default float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }
}
