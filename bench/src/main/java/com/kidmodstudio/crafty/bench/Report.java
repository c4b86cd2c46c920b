package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The markdown of {@code docs/benchmarks.md}: a summary of the targets, then one section per
 * metric with a table each. Rows are added as the benchmark goes; {@link #write(Path)} puts the
 * summary first.
 */
public final class Report {
    private final List<String> head = new ArrayList<>();
    private final List<String[]> targets = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();

    /** @param line a line of the introduction @return this */
    public Report intro(String line) {
        head.add(line);
        return this;
    }

    /**
     * A row of the summary.
     *
     * @param what     the quantity
     * @param target   the target, e.g. {@code ≤ 500 ms}
     * @param measured the figure reached
     * @param pass     whether it meets the target
     * @return this
     */
    public Report target(String what, String target, String measured, boolean pass) {
        targets.add(new String[] {what, target, measured, pass ? "**pass**" : "**miss**"});
        return this;
    }

    /** @param title a section title @return this */
    public Report section(String title) {
        body.append("\n## ").append(title).append("\n\n");
        return this;
    }

    /** @param text a paragraph @return this */
    public Report text(String text) {
        body.append(text).append("\n\n");
        return this;
    }

    /**
     * A table.
     *
     * @param header the column titles
     * @param rows   the rows
     * @return this
     */
    public Report table(List<String> header, List<List<String>> rows) {
        body.append(row(header)).append('|');
        header.forEach(h -> body.append("---|"));
        body.append('\n');
        rows.forEach(r -> body.append(row(r)));
        body.append('\n');
        return this;
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    /**
     * Writes the report.
     *
     * @param file e.g. {@code docs/benchmarks.md}
     * @throws IOException when it cannot be written
     */
    /**
     * Puts this report's sections into an existing report in place of sections of the same
     * titles (or before its first section), keeping everything else of it: for a run that
     * measured only some of the figures.
     *
     * @param file the report to update; written whole when it does not exist yet
     * @throws IOException when it cannot be read or written
     */
    public void merge(Path file) throws IOException {
        if (!Files.exists(file)) {
            write(file);
            return;
        }
        String old = Files.readString(file);
        for (String section : body.toString().split("(?=\n## )")) {
            if (section.isBlank()) {
                continue;
            }
            String title = section.substring(0, section.indexOf('\n', 1) + 1);
            int at = old.indexOf(title);
            if (at >= 0) {
                int end = old.indexOf("\n## ", at + title.length());
                old = old.substring(0, at) + section + (end < 0 ? "" : old.substring(end));
            } else {
                int first = old.indexOf("\n## ");
                old = first < 0 ? old + section : old.substring(0, first) + section + old.substring(first);
            }
        }
        Files.writeString(file, old);
    }

    public void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder("# Benchmarks\n\n");
        head.forEach(line -> out.append(line).append('\n'));
        out.append("\n## Targets\n\n| What | Target | Measured | Result |\n|---|---|---|---|\n");
        targets.forEach(t -> out.append(row(List.of(t))));
        out.append(body);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString());
    }
}
