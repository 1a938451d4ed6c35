package dev.colloquy.embedding;

import dev.colloquy.semantic.VectorModel;
import java.util.List;

/** Turns texts into vectors of one model, whose name and dimensions are stored with each vector. */
public interface Embedder {

    /** The model, as its vectors are stored. */
    VectorModel model();

    /** One vector per text, in order, each of {@link VectorModel#dimensions()} components. */
    List<float[]> embed(List<String> texts);

    /** {@link #embed} of one text. */
    default float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }
}
