package dev.synapsebench.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static dev.synapsebench.cli.Tries.chance;
import static dev.synapsebench.cli.Tries.pick;

/**
 * Sizes that need more memory than the JVM has, or arrays larger than Java has, get their sentence
 * before anything of the size is allocated: fast (well under a second) and with the heap as it was.
 * A network and example count ({@code --network}, {@code --examples}), a number of seeds
 * ({@code --seeds}), or both. Without these checks such a run ends minutes later in an
 * {@link OutOfMemoryError}, or at once in a {@link NegativeArraySizeException} reported as an
 * internal error.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemoryBoundsTest {

    /** Far above the time of the checks (microseconds) and of picocli's parse (milliseconds). */
    private static final long FAST_MILLIS = 1000;

    @BeforeAll
    static void warmUp() {
        CliRun.of("train", "--iterations", "0"); // picocli's and the backends' first load is not what is timed
    }

    @Test
    void aNetworkAndExamplesLargerThanMemoryAnswerWellUnderASecond() {
        refusedFast(List.of("train", "--network", "99999-99999-1", "--examples", "99999999"),
                "--network 99999-99999-1 has a 99999x99999 weight matrix, 9999800001 values, more than a Java array");
        refusedFast(List.of("train", "--network", "3000-3000-1", "--examples", "99999999"),
                "99999999 examples of the network 3000-3000-1 make a 99999999x3000 matrix");
        refusedFast(List.of("train", "--network", "40000-40000-1", "--examples", "1"),
                "the network 40000-40000-1 on 1 example needs about");
        refusedFast(List.of("train", "--network", "3-1", "--examples", "2147483647"), "more than a Java array can hold");
        refusedFast(List.of("train", "--network", "1-1", "--examples", "2000000000"),
                "the network 1-1 on 2000000000 examples needs about");
    }

    @Test
    void everySeedOfNumpyIsRefusedBeforeItsNetworksAreAllocated() {
        refusedFast(List.of("train", "--seeds", "0-4294967295"), "--seeds gives 4294967296 networks of 3-1, about");
        refusedFast(List.of("train", "--seeds", "0-4294967295", "--examples", "4"), "--seeds gives 4294967296 networks");
        refusedFast(List.of("train", "--seeds", "1-100000000", "--network", "3-64-1"), "--seeds gives 100000000 networks");
    }

    @Test
    void absurdSizesAreRefusedFast() {
        Tries.check("absurd sizes", 100, random -> {
            List<String> args = new ArrayList<>(List.of("train", "--iterations", "1"));
            int layers = 2 + random.nextInt(3);
            List<String> sizes = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                sizes.add(Integer.toString(1 + random.nextInt(8)));
            }
            int kind = random.nextInt(3);
            if (kind == 0) { // one layer too large for an array
                int at = random.nextInt(layers - 1);
                if (at > 0 && at + 1 == layers - 1) {
                    at--; // the output layer is capped at the inputs below, which would shrink the pair to a real network
                }
                sizes.set(at, Integer.toString(50_000 + random.nextInt(Integer.MAX_VALUE - 50_000)));
                sizes.set(at + 1, Integer.toString(50_000 + random.nextInt(200_000)));
                args.addAll(List.of("--examples", Integer.toString(1 + random.nextInt(10))));
            } else if (kind == 1) { // too many examples
                args.addAll(List.of("--examples", Integer.toString(1_000_000_000 + random.nextInt(1_147_483_647))));
            } else { // too many seeds
                long first = random.nextLong(0, 100_000);
                args.addAll(List.of("--seeds", first + "-" + (first + random.nextLong(1_000_000_000L, 4_294_000_000L))));
                if (chance(random, 0.5)) {
                    args.addAll(List.of("--examples", Integer.toString(1 + random.nextInt(10))));
                }
            }
            // the synthetic data's targets are inputs: at most as many outputs as inputs
            if (Long.parseLong(sizes.get(layers - 1)) > Long.parseLong(sizes.get(0))) {
                sizes.set(layers - 1, sizes.get(0));
            }
            if (kind == 1 || kind == 2 && !args.contains("--examples")) {
                sizes.set(0, "3");
                sizes.set(layers - 1, "1");
            }
            args.addAll(List.of("--network", String.join("-", sizes)));
            args.addAll(List.of("--backend", pick(random, "scalar", "simd", "ejml")));
            return args;
        }, Tries::shrinkArgs, args -> refusedFast(args, ""));
    }

    private static void refusedFast(List<String> args, String message) {
        long start = System.nanoTime();
        CliRun r = Outcome.refused(args, message);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > FAST_MILLIS) {
            throw new AssertionError("synapse " + String.join(" ", args) + " took " + millis + " ms to say: " + r.err());
        }
        if (!r.err().matches("(?s).*(memory|array can hold).*")) {
            throw new AssertionError("not a memory sentence: " + r.err());
        }
    }
}
