package dev.colloquy.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fails the build when line coverage of the main code, merged over every module's tests and both
 * backends' runs, falls below {@value #MIN_TOTAL} overall or below {@value #MIN_MODULE} in any one
 * module. Runs after JaCoCo's aggregate report, from which it reads the CSV.
 */
public final class CoverageGate {

    static final double MIN_TOTAL = 0.90;
    static final double MIN_MODULE = 0.80;

    private CoverageGate() {}

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "target/site/jacoco-aggregate/jacoco.csv");
        List<String> lines = Files.readAllLines(csv);
        var modules = new TreeMap<String, long[]>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            String group = cells[0].substring(cells[0].lastIndexOf('/') + 1);
            long[] counts = modules.computeIfAbsent(group, g -> new long[2]);
            counts[0] += Long.parseLong(cells[7]);
            counts[1] += Long.parseLong(cells[8]);
        }
        long missed = 0;
        long covered = 0;
        var failures = new StringBuilder();
        for (Map.Entry<String, long[]> module : modules.entrySet()) {
            long[] counts = module.getValue();
            missed += counts[0];
            covered += counts[1];
            double ratio = ratio(counts[0], counts[1]);
            System.out.printf(
                    "Line coverage %-32s %5.1f%% (%d of %d lines)%n",
                    module.getKey(), ratio * 100, counts[1], counts[0] + counts[1]);
            if (ratio < MIN_MODULE) {
                failures.append(String.format(
                        " %s is at %.1f%%, below %.0f%%;", module.getKey(), ratio * 100, MIN_MODULE * 100));
            }
        }
        double total = ratio(missed, covered);
        System.out.printf(
                "Line coverage %-32s %5.1f%% (%d of %d lines)%n",
                "all modules", total * 100, covered, missed + covered);
        if (total < MIN_TOTAL) {
            failures.append(String.format(" the total is at %.1f%%, below %.0f%%;", total * 100, MIN_TOTAL * 100));
        }
        if (modules.isEmpty()) {
            failures.append(" the report lists no classes;");
        }
        if (failures.length() > 0) {
            throw new IllegalStateException(
                    "Coverage too low:" + failures + " see " + csv.getParent().resolve("index.html"));
        }
    }

    private static double ratio(long missed, long covered) {
        return missed + covered == 0 ? 0 : (double) covered / (missed + covered);
    }
}
