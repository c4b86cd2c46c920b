package com.kidmodstudio.crafty.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measured values of one quantity (milliseconds, or KiB), with the order statistics the report
 * prints: median, p99 (nearest rank), min and max.
 */
public final class Samples {
    private final List<Double> values = new ArrayList<>();

    /** @param value one measurement @return this */
    public synchronized Samples add(double value) {
        values.add(value);
        return this;
    }

    /** @param nanos a duration in nanoseconds, kept in milliseconds @return this */
    public Samples addNanos(long nanos) {
        return add(nanos / 1e6);
    }

    /** @return the values in the order they were added */
    public synchronized List<Double> values() {
        return List.copyOf(values);
    }

    /** @param limit a bound @return how many values are at most the bound */
    public synchronized int countAtMost(double limit) {
        return (int) values.stream().filter(v -> v <= limit).count();
    }

    /** @return how many values */
    public synchronized int count() {
        return values.size();
    }

    /** @param q quantile in [0, 1] @return the nearest-rank quantile, NaN when empty */
    public synchronized double quantile(double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, rank - 1)));
    }

    /** @return the median */
    public double median() {
        return quantile(0.5);
    }

    /** @return the 99th percentile */
    public double p99() {
        return quantile(0.99);
    }

    /** @return the smallest value */
    public double min() {
        return quantile(0);
    }

    /** @return the largest value */
    public double max() {
        return quantile(1);
    }

    /** @return "min–max" with one decimal */
    public String range() {
        return count() == 0 ? "–" : fmt(min()) + "–" + fmt(max());
    }

    /**
     * Formats a number with one decimal, or a dash for NaN.
     *
     * @param value the number
     * @return the text
     */
    public static String fmt(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }
}
