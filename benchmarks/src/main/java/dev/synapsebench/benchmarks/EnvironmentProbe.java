package dev.synapsebench.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.core.Availability;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.MatrixKernel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Describes the machine and the fork JVM, and which backends can run there. The launcher starts
 * it on the fork JVM with the fork flags before any benchmark, so what it reports is what the
 * forks see: JDK, Vector API species, ND4J's BLAS, and each backend's availability.
 *
 * <p>Usage: {@code EnvironmentProbe OUTPUT.json [backend,...]}: lists every installed backend and
 * checks the availability of the named ones (of all if none are named). Libraries are reached by reflection: a backend that is missing or cannot load its natives
 * is reported, never fatal.
 */
public final class EnvironmentProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EnvironmentProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: EnvironmentProbe OUTPUT.json [backend,...]");
            System.exit(2);
        }
        Set<String> only = args.length == 2 ? new TreeSet<>(Arrays.asList(args[1].split(","))) : null;
        ObjectNode report = probe(only);
        Path out = Path.of(args[0]);
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report), StandardCharsets.UTF_8);
        System.exit(0); // ND4J leaves non-daemon threads behind
    }

    static ObjectNode probe(Set<String> only) {
        ObjectNode report = JSON.createObjectNode();
        report.set("jdk", jdk());
        ArrayNode args = report.putArray("jvmArgs");
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(args::add);
        report.set("os", os());
        report.set("cpu", cpu());
        report.set("vectorApi", vectorApi());
        ArrayNode installed = report.putArray("installed");
        ArrayNode backends = report.putArray("backends");
        ObjectNode nd4j = unavailable("the nd4j backend is not installed");
        for (MatrixKernel<?> kernel : Kernels.installed()) {
            installed.add(kernel.name());
            boolean selected = only == null || only.contains(kernel.name());
            if (kernel.name().equals("nd4j") && !selected) {
                nd4j = unavailable("the nd4j backend was not selected for this run");
            }
            if (!selected) {
                continue; // loading a backend's natives is not free: only the ones about to run
            }
            ObjectNode backend = backends.addObject();
            backend.put("name", kernel.name());
            backend.put("description", kernel.description());
            Availability availability = availability(kernel);
            backend.put("available", availability.available());
            if (!availability.available()) {
                backend.put("reason", availability.reason());
            }
            if (kernel.name().equals("nd4j")) {
                nd4j = availability.available() ? nd4j() : unavailable(availability.reason());
            }
        }
        report.set("nd4j", nd4j);
        return report;
    }

    private static Availability availability(MatrixKernel<?> kernel) {
        try {
            return kernel.availability();
        } catch (Throwable t) { // a broken backend must not take the report down with it
            return Availability.unavailable("its availability check failed: " + t);
        }
    }

    private static ObjectNode jdk() {
        ObjectNode jdk = JSON.createObjectNode();
        for (String key : List.of("java.vendor", "java.version", "java.runtime.name", "java.runtime.version",
                "java.vm.name", "java.vm.vendor", "java.vm.version", "java.specification.version", "java.home")) {
            jdk.put(key.substring("java.".length()), System.getProperty(key));
        }
        return jdk;
    }

    private static ObjectNode os() {
        ObjectNode os = JSON.createObjectNode();
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        Properties release = new Properties();
        try {
            release.load(Files.newBufferedReader(Path.of("/etc/os-release")));
            os.put("distribution", release.getProperty("PRETTY_NAME", "").replace("\"", ""));
        } catch (IOException | RuntimeException e) {
            os.putNull("distribution");
        }
        return os;
    }

    private static ObjectNode cpu() {
        ObjectNode cpu = JSON.createObjectNode();
        cpu.put("model", cpuModel());
        cpu.put("logicalProcessors", Runtime.getRuntime().availableProcessors());
        ArrayNode features = cpu.putArray("vectorFeatures");
        for (String flag : cpuInfo("flags").split("\\s+")) {
            if (flag.matches("sse4_1|sse4_2|avx|avx2|fma|avx512.*|neon|asimd|sve.*")) {
                features.add(flag);
            }
        }
        return cpu;
    }

    private static String cpuModel() {
        String model = cpuInfo("model name");
        if (model.isEmpty()) {
            model = cpuInfo("Processor"); // some ARM kernels
        }
        if (model.isEmpty() && System.getProperty("os.name", "").startsWith("Mac")) {
            model = command("sysctl", "-n", "machdep.cpu.brand_string");
        }
        if (model.isEmpty() && System.getenv("PROCESSOR_IDENTIFIER") != null) {
            model = System.getenv("PROCESSOR_IDENTIFIER");
        }
        return model.isEmpty() ? null : model;
    }

    /** First value of {@code key} in /proc/cpuinfo, or "". */
    private static String cpuInfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "";
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** {@code DoubleVector.SPECIES_PREFERRED}, by reflection: the module may not be resolved. */
    private static ObjectNode vectorApi() {
        try {
            Object species = Class.forName("jdk.incubator.vector.DoubleVector").getField("SPECIES_PREFERRED").get(null);
            Class<?> speciesType = Class.forName("jdk.incubator.vector.VectorSpecies");
            ObjectNode node = JSON.createObjectNode();
            node.put("available", true);
            node.put("preferredSpeciesBits", (int) speciesType.getMethod("vectorBitSize").invoke(species));
            node.put("preferredDoubleLanes", (int) speciesType.getMethod("length").invoke(species));
            return node;
        } catch (ClassNotFoundException e) {
            return unavailable("jdk.incubator.vector is not in this JVM's module graph (--add-modules jdk.incubator.vector)");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return unavailable("cannot read the preferred species: " + e);
        }
    }

    /** ND4J's backend and BLAS, by reflection so that this class loads without ND4J. */
    private static ObjectNode nd4j() {
        ObjectNode node = JSON.createObjectNode();
        try {
            Class<?> nd4j = Class.forName("org.nd4j.linalg.factory.Nd4j");
            Object factory = nd4j.getMethod("factory").invoke(null);
            Object blas = Class.forName("org.nd4j.linalg.factory.NDArrayFactory").getMethod("blas").invoke(factory);
            Class<?> blasType = Class.forName("org.nd4j.linalg.api.blas.Blas");
            node.put("available", true);
            node.put("blasVendor", String.valueOf(blasType.getMethod("getBlasVendor").invoke(blas)));
            node.put("blasThreads", (int) blasType.getMethod("getMaxThreads").invoke(blas));
            Object executioner = nd4j.getMethod("getExecutioner").invoke(null);
            Properties info = (Properties) Class.forName("org.nd4j.linalg.api.ops.executioner.OpExecutioner")
                    .getMethod("getEnvironmentInformation").invoke(executioner);
            ObjectNode environment = node.putObject("environment");
            // values are Strings, Integers and Longs: Properties#stringPropertyNames() would drop most
            info.keySet().stream().map(String::valueOf).sorted()
                    .forEach(k -> environment.put(k, String.valueOf(info.get(k))));
            return node;
        } catch (InvocationTargetException e) {
            return unavailable("ND4J failed to report its environment: " + e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return unavailable("ND4J failed to report its environment: " + e);
        }
    }

    private static ObjectNode unavailable(String reason) {
        ObjectNode node = JSON.createObjectNode();
        node.put("available", false);
        node.put("reason", reason);
        return node;
    }
}
