package dev.colloquy.semantic;

/**
 * An embedding model as its vectors are stored: its name and the number of dimensions of its
 * vectors. Vectors of two models are never compared.
 *
 * @param name the model's name, 1 to 200 characters
 * @param dimensions the length of its vectors, 1 to 8192
 */
public record VectorModel(String name, int dimensions) {

    public VectorModel {
        if (name == null || name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("a model's name has 1 to 200 characters");
        }
        if (dimensions < 1 || dimensions > 8192) {
            throw new IllegalArgumentException("a model's vectors have 1 to 8192 dimensions, not " + dimensions);
        }
    }

    /** Checks that {@code vector} is one of this model's. */
    public float[] check(float[] vector) {
        if (vector.length != dimensions) {
            throw new IllegalArgumentException(
                    "a vector of " + vector.length + " dimensions; the model " + name + " makes " + dimensions);
        }
        return vector;
    }
}
