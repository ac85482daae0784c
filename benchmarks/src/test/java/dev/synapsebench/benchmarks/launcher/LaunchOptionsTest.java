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
                "--jvm=", "--jmh-args=", "--results=");
        assertEquals(Profile.DEFAULT, options.profile());
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
}
