package dev.colloquy.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.colloquy.semantic.VectorModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model bundled in the JAR: all-MiniLM-L6-v2, quantized to 8 bits (384 dimensions), run by
 * ONNX Runtime inside the JVM. Nothing is downloaded: the model, its tokenizer and the native
 * library come with the application. A text longer than 510 word pieces is embedded in parts of
 * 510 whose vectors are averaged, weighted by their lengths.
 *
 * <p>Each inference runs on one thread, and the texts of a batch are embedded side by side, one per
 * available processor ({@link Runtime#availableProcessors()}; {@code -XX:ActiveProcessorCount}
 * lowers it): for texts of chat length this embeds about twice as many per second as one inference
 * spread over every processor, and a text's vector does not depend on how many threads ran it, nor
 * on the other texts of its batch (each is its own inference, to the bit the vector LangChain4j's
 * {@code AllMiniLmL6V2QuantizedEmbeddingModel} gives).
 */
public final class LocalEmbedder implements Embedder {

    /** The name its vectors are stored under. */
    public static final String MODEL_NAME = "all-minilm-l6-v2-q";

    private static final VectorModel MODEL = new VectorModel(MODEL_NAME, 384);

    /** What a blank text is embedded as. */
    static final String BLANK = "(empty)";

    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    private static LocalEmbedder shared;

    private final BundledModel model;

    /**
     * The process's one instance, loaded and checked on first use: the model is immutable and safe
     * to use from several threads, so every service of a JVM shares it (and its memory and threads).
     */
    public static synchronized LocalEmbedder shared() {
        if (shared == null) {
            shared = new LocalEmbedder(Runtime.getRuntime().availableProcessors());
        }
        return shared;
    }

    /**
     * Loads the model (about a second), whose batches are embedded by {@code threads} daemon
     * threads of the lowest priority, and runs {@link SanityCheck} on it.
     */
    public LocalEmbedder(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.model = new BundledModel(threads == 1 ? Runnable::run : workers(threads));
        SanityCheck.run(this);
    }

    private static ExecutorService workers(int threads) {
        var number = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            var thread = new Thread(task, "colloquy-embedding-" + number.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
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

    /**
     * LangChain4j's encoder of the bundled model, on a session whose inferences each use one thread
     * (its own model class gives them every processor, so that texts embedded side by side would
     * contend for them).
     */
    private static final class BundledModel extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        BundledModel(Executor executor) {
            super(executor);
            var environment = OrtEnvironment.getEnvironment();
            try (var options = new OrtSession.SessionOptions();
                    var model = resource(MODEL_RESOURCE);
                    var tokenizer = resource(TOKENIZER_RESOURCE)) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                var session = environment.createSession(model.readAllBytes(), options);
                this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            } catch (OrtException e) {
                throw new IllegalStateException(
                        "the bundled embedding model could not be loaded: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("the bundled embedding model could not be read", e);
            }
        }

        private static InputStream resource(String name) {
            // the JAR of LangChain4j's own class for the model holds the model and its tokenizer
            var stream =
                    AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
            if (stream == null) {
                throw new IllegalStateException(
                        "the bundled embedding model is missing " + name + " from the class path");
            }
            return stream;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return MODEL.dimensions();
        }
    }
}
