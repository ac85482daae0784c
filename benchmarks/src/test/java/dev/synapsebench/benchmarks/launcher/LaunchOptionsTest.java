package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.benchmarks.jmh.NetworkBenchmark;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchOptionsTest {

    @Test
    void separatesOurOptionsFromJmhs() {
        LaunchOptions options = LaunchOptions.parse("trainingStep", "-p", "backend=simd", "--profile=quick",
                "--backends=scalar, simd", "--networks=", "--jvm=", "--jmh-args=-f 3  -wi 1", "--results=out",
                "-rf", "json");
        assertEquals(Profile.QUICK, options.profile());
        assertEquals(List.of("scalar", "simd"), options.backends());
        assertEquals(List.of(), options.networks());
        assertEquals(Optional.empty(), options.jvm());
        assertEquals(Optional.of(Path.of("out")), options.results());
        assertEquals(List.of("trainingStep", "-p", "backend=simd", "-f", "3", "-wi", "1", "-rf", "json"),
                options.jmhArgs());
    }

    @Test
    void emptyMavenPropertiesMeanDefaults() {
        LaunchOptions options = LaunchOptions.parse("--profile=", "--backends=", "--networks=", "--benchmarks=",
                "--jvm=", "--jvm-args=", "--flame=", "--jmh-args=", "--results=");
        assertEquals(Profile.DEFAULT, options.profile());
        assertEquals(List.of(), options.jvmArgs());
        assertEquals(Optional.empty(), options.flame());
        assertTrue(options.jmhArgs().isEmpty());
        assertTrue(options.results().isEmpty());
        assertTrue(options.benchmarkPattern().isEmpty());
    }

    @Test
    void benchmarkSelectionMatchesExactMethodNames() {
        Pattern train = Pattern.compile(LaunchOptions.parse("--benchmarks=train").benchmarkPattern().orElseThrow());
        String prefix = NetworkBenchmark.class.getName() + ".";
        assertTrue(train.matcher(prefix + "train").find());
        assertFalse(train.matcher(prefix + "trainingStep").find(), "JMH's plain 'train' regex would also match");
        Pattern two = Pattern.compile(LaunchOptions.parse("--benchmarks=forward,weightUpdate")
                .benchmarkPattern().orElseThrow());
        assertTrue(two.matcher(prefix + "forward").find());
        assertTrue(two.matcher(prefix + "weightUpdate").find());
        assertFalse(two.matcher(prefix + "trainingStep").find());
    }

    @Test
    void unknownNamesAreOneSentence() {
        assertThrows(UsageException.class, () -> LaunchOptions.parse("--profile=fast"));
        UsageException network = assertThrows(UsageException.class, () -> LaunchOptions.parse("--networks=3-5-1"));
        assertTrue(network.getMessage().contains("3-1, 3-4-1"), network.getMessage());
        assertThrows(UsageException.class, () -> LaunchOptions.parse("--benchmarks=backward"));
    }

    @Test
    void forksZeroIsRefused() {
        assertEquals(2, Main.run("-f", "0"));
        assertEquals(2, Main.run("--profile=nope"));
    }

    @Test
    void jvmArgsAreSplitAtSpacesAndEachMustBeAnOption() {
        LaunchOptions options = LaunchOptions.parse("--jvm-args= -XX:UseAVX=2   -Xss4m ", "-f", "1");
        assertEquals(List.of("-XX:UseAVX=2", "-Xss4m"), options.jvmArgs());
        assertEquals(List.of("-f", "1"), options.jmhArgs(), "not JMH's");
        UsageException word = assertThrows(UsageException.class, () -> LaunchOptions.parse("--jvm-args=-Xss4m 4m"));
        assertTrue(word.getMessage().contains("'4m'"), word.getMessage());
    }

    /** A JVM option the fork JVM refuses ends the run before anything runs: one sentence and exit status 2. */
    @Test
    void jvmArgsTheForkJvmRefusesExitWith2() {
        assertEquals(2, Main.run("--jvm-args=-XX:+NoSuchOption", "-l"));
        UsageException e = assertThrows(UsageException.class, () -> Forks.of(new org.openjdk.jmh.runner.options
                .CommandLineOptions(), LaunchOptions.parse("--jvm-args=-XX:UseAVX=9")));
        assertTrue(e.getMessage().startsWith("the fork JVM ") && e.getMessage().contains("--jvm-args=-XX:UseAVX=9: ")
                && e.getMessage().contains("UseAVX=9"), e.getMessage());
    }

    /** Bare --flame, and Maven's -Dflame (which sets "true"), profile trainingStep; an unset property none. */
    @Test
    void flameNamesABenchmarkOrDefaultsToTrainingStep() {
        assertEquals(Optional.of("trainingStep"), LaunchOptions.parse("--flame").flame());
        assertEquals(Optional.of("trainingStep"), LaunchOptions.parse("--flame=true").flame());
        assertEquals(Optional.of("forward"), LaunchOptions.parse("--flame=forward").flame());
        assertEquals(Optional.empty(), LaunchOptions.parse("--flame=false").flame());
        assertEquals(Optional.empty(), LaunchOptions.parse().flame());
        assertTrue(LaunchOptions.parse("--flame").jmhArgs().isEmpty(), "not passed on to JMH");
        UsageException unknown = assertThrows(UsageException.class, () -> LaunchOptions.parse("--flame=backward"));
        assertTrue(unknown.getMessage().contains("'backward'") && unknown.getMessage().contains("trainingStep"),
                unknown.getMessage());
    }

    @Test
    void theHelpSaysHowLongTheFlameGraphsSample() {
        assertTrue(LaunchOptions.HELP.contains("--jvm-args="), LaunchOptions.HELP);
        for (Profile.Iterations flame : List.of(Profile.QUICK.flame(), Profile.DEFAULT.flame())) {
            String timing = flame.warmupIterations() + " x " + flame.warmupTime();
            String sampled = flame.measurementIterations() + " x " + flame.measurementTime() + " sampled";
            assertTrue(LaunchOptions.HELP.contains(timing) && LaunchOptions.HELP.contains(sampled),
                    timing + ", " + sampled + " in\n" + LaunchOptions.HELP);
        }
    }
}
