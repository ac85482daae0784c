package dev.synapsebench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numpy seeds of {@code train --seeds}: inclusive ranges and single seeds, comma-separated
 * ({@code 1-100,200}), each in numpy's 0..4294967295, none twice. Kept as sorted, disjoint ranges;
 * {@link #toString} is the canonical spelling (ascending, touching ranges joined), so a run over
 * {@code 1-37} merged with one over {@code 38-100} says {@code 1-100} like a run over all of them.
 */
final class SeedSet {

    static final long MAX_SEED = 0xffffffffL;
    private static final Pattern PART = Pattern.compile("([0-9]+)(?:-([0-9]+))?");

    /** Sorted, disjoint, non-touching inclusive ranges {first, last}. */
    private final long[][] ranges;

    private SeedSet(long[][] ranges) {
        this.ranges = ranges;
    }

    /** Parses {@code --seeds}; any problem is one sentence. */
    static SeedSet parse(String text) {
        List<long[]> parts = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = PART.matcher(part.trim());
            if (!m.matches()) {
                throw new UsageException("--seeds takes ranges A-B and single seeds separated by commas, e.g. 1-100,200; got '"
                        + text + "'");
            }
            long first = seed(m.group(1));
            long last = m.group(2) == null ? first : seed(m.group(2));
            if (last < first) {
                throw new UsageException("--seeds range " + part.trim() + " runs backwards; write " + last + "-" + first);
            }
            parts.add(new long[] {first, last});
        }
        parts.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i)[0] <= parts.get(i - 1)[1]) {
                throw new UsageException("--seeds lists seed " + parts.get(i)[0] + " twice; each seed trains one network");
            }
        }
        return new SeedSet(coalesce(parts));
    }

    /** The set of {@code seeds} (sorted ascending, no duplicates). */
    static SeedSet of(long[] seeds) {
        List<long[]> parts = new ArrayList<>();
        for (long s : seeds) {
            parts.add(new long[] {s, s});
        }
        return new SeedSet(coalesce(parts));
    }

    private static long seed(String digits) {
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            value = Long.MAX_VALUE; // too many digits: out of range below
        }
        if (value > MAX_SEED) {
            throw new UsageException("--seeds: " + digits + " is outside numpy's seed range 0 to " + MAX_SEED);
        }
        return value;
    }

    /** Joins ranges that touch ({@code 1-37} and {@code 38-100}); input sorted and disjoint. */
    private static long[][] coalesce(List<long[]> sorted) {
        List<long[]> out = new ArrayList<>();
        for (long[] r : sorted) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] == last[1] + 1) {
                last[1] = r[1];
            } else {
                out.add(r.clone());
            }
        }
        return out.toArray(long[][]::new);
    }

    /** How many seeds (may exceed what one JVM can train: see {@link SeedSweep#requireMemory}). */
    long count() {
        long n = 0;
        for (long[] r : ranges) {
            n += r[1] - r[0] + 1;
        }
        return n;
    }

    /** Every seed, ascending; the count must fit an array. */
    long[] seeds() {
        long[] out = new long[Math.toIntExact(count())];
        int i = 0;
        for (long[] r : ranges) {
            for (long s = r[0]; s <= r[1]; s++) {
                out[i++] = s;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeedSet s && Arrays.deepEquals(ranges, s.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(ranges);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (long[] r : ranges) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(r[0]);
            if (r[1] > r[0]) {
                sb.append('-').append(r[1]);
            }
        }
        return sb.toString();
    }
}
