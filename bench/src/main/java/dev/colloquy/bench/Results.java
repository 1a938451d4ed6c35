package dev.colloquy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Writes a run: {@code measurements.csv} and {@code results.json} (every figure, for comparing
 * runs), {@code summary.md} (the ratios against the baselines) and {@code writers.png}
 * (throughput against concurrency for both backends).
 */
final class Results {

    record Ratio(String scenario, String backend, int concurrency, String measure, double value, double target) {

        boolean poor() {
            return target > 0 && value < target;
        }
    }

    private Results() {}

    static List<Ratio> ratios(List<Measurement> all) {
        var ratios = new ArrayList<Ratio>();
        for (Measurement m : all) {
            switch (m.scenario() + "/" + m.subject()) {
                case "append-http/colloquy" ->
                    find(all, m, "empty-endpoint")
                            .ifPresent(b -> ratios.add(new Ratio(
                                    m.scenario(),
                                    m.backend(),
                                    m.concurrency(),
                                    "HTTP append / empty endpoint",
                                    m.throughput() / b.throughput(),
                                    0.5)));
                case "append-http/store-in-process" ->
                    find(all, m, "raw-jdbc")
                            .ifPresent(b -> ratios.add(new Ratio(
                                    m.scenario(),
                                    m.backend(),
                                    m.concurrency(),
                                    "store append / raw JDBC insert",
                                    m.throughput() / b.throughput(),
                                    0.5)));
                case TelemetryScenario.SCENARIO + "/metrics-and-access-log-on" ->
                    find(all, m, "metrics-and-access-log-off")
                            .ifPresent(b -> ratios.add(new Ratio(
                                    m.scenario(),
                                    m.backend(),
                                    m.concurrency(),
                                    "metrics and access log on / off (all rounds)",
                                    m.throughput() / b.throughput(),
                                    0.95)));
                case TelemetryScenario.SCENARIO + "/median-round-ratio" ->
                    ratios.add(new Ratio(
                            m.scenario(),
                            m.backend(),
                            m.concurrency(),
                            "metrics and access log on / off (median round)",
                            m.throughput(),
                            0.95));
                case "bulk-import/colloquy" ->
                    find(all, m, "raw-jdbc-batched")
                            .ifPresent(b -> ratios.add(new Ratio(
                                    m.scenario(),
                                    m.backend(),
                                    m.concurrency(),
                                    "import / raw JDBC batched",
                                    m.throughput() / b.throughput(),
                                    0.8)));
                case CopyScenario.SCENARIO + "/colloquy" ->
                    find(all, m, "pgloader")
                            .ifPresent(b -> ratios.add(new Ratio(
                                    m.scenario(),
                                    m.backend(),
                                    m.concurrency(),
                                    "copy (verified) / pgloader (unverified)",
                                    m.throughput() / b.throughput(),
                                    0)));
                case "history-last-50/colloquy" ->
                    find(all, m, "raw-jdbc")
                            .ifPresent(b -> ratios.add(new Ratio(
                                    m.scenario(),
                                    m.backend(),
                                    m.concurrency(),
                                    "raw JDBC p50 / store p50",
                                    b.p50() / m.p50(),
                                    0)));
                case "concurrent-writers/colloquy" ->
                    all.stream()
                            .filter(o -> o.scenario().equals(m.scenario())
                                    && o.backend().equals(m.backend())
                                    && o.concurrency() == 1)
                            .findFirst()
                            .filter(b -> m.concurrency() > 1)
                            .ifPresent(b -> ratios.add(new Ratio(
                                    m.scenario(),
                                    m.backend(),
                                    m.concurrency(),
                                    "N writers / 1 writer",
                                    m.throughput() / b.throughput(),
                                    0)));
                default -> {
                    if ((m.scenario().startsWith("search:") || m.scenario().startsWith("list:"))
                            && m.subject().equals("colloquy")) {
                        find(all, m, "raw-sql")
                                .ifPresent(b -> ratios.add(new Ratio(
                                        m.scenario(),
                                        m.backend(),
                                        m.concurrency(),
                                        "raw SQL p50 / store p50",
                                        b.p50() / m.p50(),
                                        0)));
                    }
                }
            }
        }
        return ratios;
    }

    private static Optional<Measurement> find(List<Measurement> all, Measurement m, String subject) {
        return all.stream()
                .filter(o -> o.scenario().equals(m.scenario())
                        && o.backend().equals(m.backend())
                        && o.concurrency() == m.concurrency()
                        && o.subject().equals(subject))
                .findFirst();
    }

    static void write(Path folder, Map<String, String> environment, List<Measurement> all) throws IOException {
        Files.createDirectories(folder);
        var csv = new StringBuilder(
                "scenario,backend,subject,concurrency,operations,seconds,throughput,p50_ms,p95_ms,p99_ms,errors,unit\n");
        for (Measurement m : all) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%s,%d,%d,%.3f,%.1f,%.3f,%.3f,%.3f,%d,%s%n",
                    m.scenario(),
                    m.backend(),
                    m.subject(),
                    m.concurrency(),
                    m.operations(),
                    m.seconds(),
                    m.throughput(),
                    m.p50(),
                    m.p95(),
                    m.p99(),
                    m.errors(),
                    m.unit()));
        }
        Files.writeString(folder.resolve("measurements.csv"), csv, StandardCharsets.UTF_8);
        var ratios = ratios(all);
        var json = new LinkedHashMap<String, Object>();
        json.put("environment", environment);
        json.put("measurements", all);
        json.put("ratios", ratios);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve("results.json").toFile(), json);
        Files.writeString(folder.resolve("summary.md"), summary(environment, all, ratios), StandardCharsets.UTF_8);
        chart(folder.resolve("writers.png"), all);
    }

    static String summary(Map<String, String> environment, List<Measurement> all, List<Ratio> ratios) {
        var text = new StringBuilder("# Benchmark run\n\n");
        environment.forEach(
                (k, v) -> text.append("- ").append(k).append(": ").append(v).append('\n'));
        text.append(
                "\n| scenario | backend | subject | concurrency | throughput | p50 ms | p95 ms | p99 ms | errors |\n");
        text.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Measurement m : all) {
            text.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %d | %,.0f %s/s | %.2f | %.2f | %.2f | %d |%n",
                    m.scenario(),
                    m.backend(),
                    m.subject(),
                    m.concurrency(),
                    m.throughput(),
                    m.unit(),
                    m.p50(),
                    m.p95(),
                    m.p99(),
                    m.errors()));
        }
        text.append("\n| scenario | backend | concurrency | ratio | value | target |\n|---|---|---|---|---|---|\n");
        for (Ratio r : ratios) {
            text.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %.2f | %s |%n",
                    r.scenario(),
                    r.backend(),
                    r.concurrency(),
                    r.measure(),
                    r.value(),
                    r.target() > 0 ? (r.poor() ? "below " : "at least ") + r.target() : "-"));
        }
        return text.toString();
    }

    /** Messages per second against writers, one line per backend, on a log-2 axis of writers. */
    static void chart(Path file, List<Measurement> all) throws IOException {
        var series = new LinkedHashMap<String, List<Measurement>>();
        for (Measurement m : all) {
            if (m.scenario().equals("concurrent-writers")) {
                series.computeIfAbsent(m.backend(), b -> new ArrayList<>()).add(m);
            }
        }
        int width = 800;
        int height = 500;
        int left = 90;
        int right = 30;
        int top = 50;
        int bottom = 60;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Colloquy: appended messages per second against concurrent writers", left, 30);
        double maxY = series.values().stream()
                        .flatMap(List::stream)
                        .mapToDouble(Measurement::throughput)
                        .max()
                        .orElse(1)
                * 1.1;
        int maxWriters = series.values().stream()
                .flatMap(List::stream)
                .mapToInt(Measurement::concurrency)
                .max()
                .orElse(1);
        double maxX = Math.max(1, Math.log(maxWriters) / Math.log(2));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(left, height - bottom, width - right, height - bottom);
        g.drawLine(left, top, left, height - bottom);
        for (int i = 0; i <= 5; i++) {
            int y = height - bottom - i * (height - top - bottom) / 5;
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, width - right, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%,.0f", maxY * i / 5), 10, y + 4);
        }
        for (int w = 1; w <= maxWriters; w *= 2) {
            int x = left + (int) ((Math.log(w) / Math.log(2)) / maxX * (width - left - right));
            g.drawString(Integer.toString(w), x - 4, height - bottom + 18);
        }
        g.drawString(
                "concurrent writers (each appending one message per call to a conversation of its own)",
                left,
                height - 15);
        Color[] colors = {new Color(0, 114, 178), new Color(213, 94, 0)};
        int index = 0;
        for (var entry : series.entrySet()) {
            g.setColor(colors[index % colors.length]);
            g.setStroke(new BasicStroke(2.5f));
            int[] xs = new int[entry.getValue().size()];
            int[] ys = new int[entry.getValue().size()];
            for (int i = 0; i < xs.length; i++) {
                Measurement m = entry.getValue().get(i);
                xs[i] = left + (int) ((Math.log(m.concurrency()) / Math.log(2)) / maxX * (width - left - right));
                ys[i] = height - bottom - (int) (m.throughput() / maxY * (height - top - bottom));
                g.fillOval(xs[i] - 4, ys[i] - 4, 8, 8);
            }
            g.drawPolyline(xs, ys, xs.length);
            g.drawString(entry.getKey(), width - right - 120, top + 20 + index * 18);
            index++;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
