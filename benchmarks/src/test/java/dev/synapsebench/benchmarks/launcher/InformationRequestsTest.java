package dev.synapsebench.benchmarks.launcher;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -l}, {@code -lp}, {@code -h}: JMH's output format, for what this launcher would measure. */
class InformationRequestsTest {

    private static final String JMH = "dev.synapsebench.benchmarks.jmh.";

    @Test
    void listIsJmhsListOfEveryBenchmarkWithoutARegexp() throws Exception {
        assertEquals(List.of("Benchmarks: ", JMH + "PeakBenchmark.fmaChains", JMH + "PeakBenchmark.fmaChainsFloat32",
                JMH + "ManyNetworksBenchmark.trainMany", JMH + "NetworkBenchmark.forward", JMH + "NetworkBenchmark.train",
                JMH + "NetworkBenchmark.trainingStep", JMH + "NetworkBenchmark.weightUpdate"), answer("-l"));
    }

    @Test
    void listHonoursTheRegexpsAndTheLaunchersSelection() throws Exception {
        assertEquals(List.of("Benchmarks: ", JMH + "NetworkBenchmark.trainingStep"), answer("-l", "trainingStep"));
        assertEquals(List.of("Benchmarks: ", JMH + "NetworkBenchmark.forward", JMH + "NetworkBenchmark.train"),
                answer("NetworkBenchmark.(forward|train)$", "-l"));
        assertEquals(List.of("Benchmarks: ", JMH + "PeakBenchmark.fmaChains", JMH + "PeakBenchmark.fmaChainsFloat32",
                JMH + "NetworkBenchmark.forward"), answer("-l", "--benchmarks=forward"));
        assertEquals(List.of("Benchmarks: ", JMH + "NetworkBenchmark.forward", JMH + "NetworkBenchmark.trainingStep"),
                answer("-l", "Network", "--networks=784-128-10x256"), "the sweep measures forward and trainingStep only");
    }

    @Test
    void listWithParamsShowsTheValuesTheRunWouldMeasure() throws Exception {
        assertEquals(List.of("Benchmarks: ", JMH + "NetworkBenchmark.trainingStep",
                        "  param \"dtype\" = {float64, float32}",
                        "  param \"backend\" = {scalar, simd}",
                        "  param \"network\" = {3-1, 3-4-1}"),
                answer("trainingStep", "-p", "backend=scalar,simd", "-p", "network=3-1,3-4-1", "-lp"));
        List<String> all = answer("-lp", "NetworkBenchmark.forward");
        assertEquals("  param \"backend\" = {scalar, simd, ejml, nd4j}", all.get(3), all.toString());
        assertEquals("  param \"network\" = {3-1, 3-4-1, 8-16-1x16, 32-64-1x64, 64-256-1x256, 128-512-1x512, "
                + "784-128-10x256}", all.get(4), all.toString());
        List<String> many = answer("-lp", "trainMany", "--backends=scalar", "--dtypes=float32");
        assertTrue(many.contains("  param \"network\" = {3-1, 3-4-1}"), many.toString());
        assertTrue(many.contains("  param \"dtype\" = {float32}"), many.toString());
        assertTrue(many.contains("  param \"batch\" = {64}"), many.toString());
        assertTrue(many.contains("  param \"backend\" = {scalar}"), many.toString());
    }

    @Test
    void helpIsJmhsThenTheLaunchers() throws Exception {
        for (String help : List.of("-h", "--help")) {
            String text = String.join("\n", answer(help));
            assertTrue(text.startsWith("Usage: java -jar ... [regexp*] [options]"), text);
            assertTrue(text.contains("-rff <filename>"), text);
            assertTrue(text.contains("--profile=quick|default|full"), text);
            assertTrue(text.contains("--help"), text);
            assertTrue(text.contains("Needs Java 21 or newer"), text);
        }
    }

    @Test
    void aRunIsNoInformationRequest() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertFalse(InformationRequests.answer(LaunchOptions.parse("trainingStep"), new CommandLineOptions("trainingStep"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals(0, bytes.size());
    }

    private static List<String> answer(String... args) throws Exception {
        LaunchOptions launch = LaunchOptions.parse(args);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(InformationRequests.answer(launch, new CommandLineOptions(launch.jmhArgs().toArray(String[]::new)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
