package dev.synapsebench.cli;

import dev.synapsebench.core.Workloads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static dev.synapsebench.cli.Tries.chance;
import static dev.synapsebench.cli.Tries.pick;

/**
 * Whatever flags {@code synapse train} is given, it trains or refuses them with one sentence
 * ({@link Outcome}), quickly: network sizes like {@code 0-1}, {@code 3--1} or {@code 99999999-1},
 * seeds out of numpy's range and backwards ranges, iteration and example counts at and past the
 * limits of an int, numbers spelled as Java or other scripts would, unknown names, junk tokens and
 * {@code @file} arguments. The generators only draw work that ends in milliseconds when accepted
 * (small networks, few examples and seeds, at most 5 iterations) or sizes that are refused whatever
 * the heap; the memory refusals themselves are {@link MemoryBoundsTest}'s.
 *
 * <p>Iterations: every int from 0 to 2147483647 is accepted (training then takes as long as it
 * takes, as in numpy); past an int it is refused as picocli refuses any bad int. So the large
 * counts are only checked to be read, and refused or accepted, quickly: with a flag that is refused
 * after --iterations is checked.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FlagProperties {

    @TempDir
    static Path dir;

    private static Path goodX;
    private static Path goodY;

    @BeforeAll
    static void files() throws IOException {
        goodX = Files.writeString(dir.resolve("x.csv"), "0,0,1\n1,1,1\n1,0,1\n0,1,1\n");
        goodY = Files.writeString(dir.resolve("y.csv"), "0\n1\n1\n0\n");
    }

    @Test
    void anyFlagsTrainOrAreRefusedWithOneSentence() {
        int[] statuses = new int[3];
        Tries.check("any flags", 300, FlagProperties::flags, Tries::shrinkArgs, args -> statuses[Outcome.run(args).status()]++);
        // the generator is not a generator of refusals only (the counts include shrinking's runs; none after a pass)
        if (statuses[0] < 30) {
            throw new AssertionError("only " + statuses[0] + " of 300 runs trained; exit statuses 0, 1, 2: "
                    + java.util.Arrays.toString(statuses));
        }
        System.out.println("any flags: exit statuses 0, 1, 2: " + java.util.Arrays.toString(statuses));
    }

    @Test
    void iterationCountsNearTheLimitsAreReadQuickly() {
        Tries.check("iterations near the limits", 100, random -> {
            long base = pick(random, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                    0L, (long) Integer.MAX_VALUE + 1);
            long value = base + random.nextInt(-3, 4);
            String text = chance(random, 0.1) ? Long.toUnsignedString(value) + "0".repeat(random.nextInt(30))
                    : Long.toString(value);
            return text;
        }, text -> {
            List<String> args = List.of("train", "--iterations", text, "--predict", "1,0");
            long start = System.nanoTime();
            CliRun r = Outcome.run(args);
            long millis = (System.nanoTime() - start) / 1_000_000;
            java.math.BigInteger n = new java.math.BigInteger(text);
            String expected = n.bitLength() > 31 ? "Invalid value for option '--iterations'"
                    : n.signum() < 0 ? "--iterations must be 0 or more" : "--predict has 2 values";
            if (r.status() != 2 || !r.err().contains(expected)) {
                throw new AssertionError("expected '" + expected + "', got " + r.status() + ": " + r.err());
            }
            if (millis > 5_000) {
                throw new AssertionError("took " + millis + " ms");
            }
        });
    }

    @Test
    void numbersInOtherScriptsOrJavaSpellingsAreRefused() {
        // picocli's own conversions read these (--iterations \u0663 trained 3 iterations, --converged-below 0x1p-3 was 0.125)
        Tries.check("number spellings", 60, random -> {
            String flag = pick(random, "--iterations", "--examples", "--seed", "--threads", "--converged-below");
            String value = flag.equals("--converged-below")
                    ? pick(random, "0x1p-3", "1e-2d", "1f", "\u0660.5", "\uFF10.5", "Infinity", "NaN", "1e309")
                    : pick(random, "\u0663", "\u0661\u0660", "\uFF13", "\u0966", "0x10", "3L", "3_0", "3.0", "1e3", "", " 3");
            return new String[] {flag, value};
        }, t -> {
            List<String> args = new ArrayList<>(List.of("train", t[0], t[1], "--iterations", "1"));
            if (t[0].equals("--iterations")) {
                args = new ArrayList<>(List.of("train", t[0], t[1]));
            }
            if (t[0].equals("--threads") || t[0].equals("--converged-below")) {
                args.addAll(List.of("--seeds", "1-2"));
            }
            if (t[0].equals("--examples")) {
                args.addAll(List.of("--network", "2-2-1"));
            }
            Outcome.refused(args, "Invalid value for option '" + t[0] + "'");
        });
        for (String plus : List.of("+3", "003")) { // a sign and leading zeros are ASCII, and read
            CliRun r = Outcome.run(List.of("train", "--iterations", plus, "--format", "json"));
            if (r.status() != 0 || !r.out().contains("\"iterations\" : 3")) {
                throw new AssertionError("--iterations " + plus + ": " + r.status() + " " + r.err());
            }
        }
    }

    @Test
    void networkSpellingsAreReadOrRefused() {
        Tries.check("network spellings", 150, random -> {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                sb.append(pick(random, "1", "3", "3", "4", "-", "-", "-", "0", " ", "+", "x", "\u0663", "\uFF13",
                        "99999", "2147483648", "00"));
            }
            return sb.toString();
        }, Tries::shrinkString, network -> {
            CliRun r = Outcome.run(List.of("train", "--network", network, "--iterations", "1"));
            boolean wellFormed = network.trim().matches("[0-9]+( *- *[0-9]+)+") && !network.contains("2147483648");
            if (!wellFormed && r.status() != 2) {
                throw new AssertionError("accepted '" + Tries.escape(network) + "'");
            }
        });
    }

    // ---- the generator ----

    private static List<String> flags(SplittableRandom random) {
        // half the tries draw only values that are read (so that they get to the checks behind them), half anything
        boolean wild = chance(random, 0.5);
        List<List<String>> options = new ArrayList<>();
        boolean seeds = chance(random, 0.25);
        boolean examples = chance(random, 0.3);
        boolean csv = !examples && chance(random, 0.15);
        String network = network(random, examples, wild);
        if (network != null) {
            options.add(List.of("--network", network));
        }
        if (chance(random, 0.3)) {
            options.add(List.of("--preset", junk(random, wild) ? pick(random, List.of(pick(random, Workloads.names()), "nope", "",
                    " single-neuron", "Single-Neuron", "\u001b[31m", "3-1x4")) : pick(random, Workloads.names())));
        }
        if (examples) {
            options.add(List.of("--examples", junk(random, wild) ? pick(random, Integer.toString(1 + random.nextInt(50)), "0", "-1",
                    "2147483647", "1500000000", "2147483648", "99999999999", "1e3", "", "\u0663", "+5", " 7")
                    : Integer.toString(1 + random.nextInt(20))));
        }
        if (csv) {
            options.add(List.of("--inputs", junk(random, wild) ? pick(random, goodX.toString(), dir.resolve("missing.csv").toString(),
                    dir.toString(), "") : goodX.toString()));
            options.add(List.of("--targets", junk(random, wild) ? pick(random, goodY.toString(), goodX.toString()) : goodY.toString()));
        }
        if (seeds) {
            options.add(List.of("--seeds", junk(random, wild) ? pick(random, "1", "1-3", "0-4294967295", "1-1000000000", "5-3",
                    "1-", "-1", "", ",", "1,,2", "1-2-3", "a", "1,1", " 1 - 3", "4294967296", "99999999999999999999",
                    "1-3,2", "\u0661-\u0663") : pick(random, "1", "1-3", "7,9", "0,4294967295", "4294967293-4294967295")));
            if (chance(random, 0.3)) {
                options.add(List.of("--threads", junk(random, wild) ? pick(random, "0", "-1", "2147483647", "x")
                        : pick(random, "1", "2", "4", "2147483647")));
            }
            if (chance(random, 0.2)) {
                options.add(List.of("--converged-below", junk(random, wild) ? pick(random, "0", "-1", "NaN", "1e309", "0x1p-3", "x")
                        : pick(random, "0.01", "0.5", "1e-9")));
            }
        } else if (wild && chance(random, 0.05)) {
            options.add(List.of("--threads", "2"));
        }
        if (chance(random, 0.3)) {
            options.add(List.of("--seed", junk(random, wild) ? pick(random, "4294967296", "-1", Long.toString(Long.MAX_VALUE),
                    "18446744073709551616", "0x10", "1e3", "") : pick(random, "0", "1", "42", "4294967295")));
        }
        options.add(List.of("--iterations", junk(random, wild) ? pick(random, "1", "-1", "-2147483648", "2147483648",
                "9223372036854775807", "9223372036854775808", "99999999999999999999999", "1e3", "", "\u0663", "+3", "3.0")
                : Integer.toString(random.nextInt(6))));
        if (chance(random, 0.3)) {
            options.add(List.of("--backend", junk(random, wild) ? pick(random, "scalar", "cuda", "", "SCALAR")
                    : pick(random, "scalar", "scalar", "simd", "ejml", "ejml", "nd4j")));
        }
        if (chance(random, 0.3)) {
            options.add(List.of("--dtype", junk(random, wild) ? pick(random, "float16", "", "f32") : pick(random, "float64", "float32")));
        }
        if (chance(random, 0.4)) {
            options.add(List.of("--format", junk(random, wild) ? pick(random, "csv", "xml", "") : seeds ? pick(random, "text", "json", "csv")
                    : pick(random, "text", "json")));
        }
        if (chance(random, 0.3)) {
            int n = 1 + random.nextInt(4);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(junk(random, wild) ? pick(random, "0", "1e309", "NaN", "Infinity", "0x1p3", "1d", "\u0661", "", "a")
                        : pick(random, "0", "1", "0.5", "-0", ".5", "1e-3", "-2E+2"));
            }
            options.add(List.of("--predict", String.join(",", values)));
        }
        while (wild && chance(random, 0.2)) {
            options.add(List.of(pick(random, "--bogus", "-x", "@/dev/zero", "@" + dir.resolve("missing"), "@" + goodX,
                    "@", "--", "extra", "-", "--seed", "--network=3-1", "--iterations=1")));
        }
        Collections.shuffle(options, new java.util.Random(random.nextLong()));
        List<String> args = new ArrayList<>();
        args.add("train");
        options.forEach(args::addAll);
        return args;
    }

    /** In a wild try, a third of the options get a value that is refused, so that each refusal is reached. */
    private static boolean junk(SplittableRandom random, boolean wild) {
        return wild && chance(random, 0.35);
    }

    /**
     * A --network value, or null for none: small sizes (cheap to train); malformed spellings;
     * sizes too large for any array (refused whatever the heap); or, only without --examples (when
     * the data's width refuses them), sizes that would fit an array.
     */
    private static String network(SplittableRandom random, boolean examples, boolean wild) {
        int kind = junk(random, wild) ? random.nextInt(10) : random.nextInt(7);
        if (kind < 3) {
            return null;
        }
        if (kind < 7) {
            int layers = 2 + random.nextInt(3);
            List<String> sizes = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                sizes.add(Integer.toString(1 + random.nextInt(6)));
            }
            if (chance(random, 0.5)) {
                sizes.set(0, "3");
                sizes.set(layers - 1, "1");
            }
            return String.join("-", sizes);
        }
        if (kind < 9) {
            return pick(random, "0-1", "3--1", "3-4-1-", "-3-1", "", " ", "3", "3-0-1", "3-x-1", "3-4.5-1", "\u0663-\u0661",
                    "+3-1", "3 -1", "3-2147483648", "3-1-", "--", "-");
        }
        if (examples) {
            return pick(random, "99999-99999-1", "3-2147483647-1", "2147483647-2147483647", "46341-46341-1",
                    "3-100000-100000-1");
        }
        return pick(random, "99999999-1", "99999-99999-1", "2147483647-1", "784-1", "100000-3-1");
    }
}
