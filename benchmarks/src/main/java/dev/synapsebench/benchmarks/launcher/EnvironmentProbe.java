package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.synapsebench.core.Availability;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.model.Machine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * forks see: JDK, OS, CPU, and for each selected backend its availability and what it reports
 * about itself ({@code MatrixKernel.environment()}: its libraries, their BLAS and threads, the
 * vector species).
 *
 * <p>Usage: {@code EnvironmentProbe OUTPUT.json [backend,...]}: lists every installed backend and
 * probes the named ones (all if none are named). A backend that fails its checks is reported,
 * never fatal.
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
        System.exit(0); // a backend's native library may leave non-daemon threads behind
    }

    static ObjectNode probe(Set<String> only) {
        ObjectNode report = JSON.createObjectNode();
        report.set("jdk", jdk());
        ArrayNode args = report.putArray("jvmArgs");
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(args::add);
        report.set("vectorOptions", vectorOptions());
        report.set("os", os());
        report.set("cpu", cpu());
        ArrayNode installed = report.putArray("installed");
        ArrayNode backends = report.putArray("backends");
        for (MatrixKernel<?> kernel : Kernels.installed()) {
            installed.add(kernel.name());
            if (only != null && !only.contains(kernel.name())) {
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
            backend.set("environment", environment(kernel));
        }
        return report;
    }

    /** The backend's own report, as JSON; a backend whose report fails gets the failure instead. */
    private static ObjectNode environment(MatrixKernel<?> kernel) {
        try {
            return JSON.valueToTree(kernel.environment());
        } catch (Throwable t) { // a broken backend must not take the report down with it
            ObjectNode failed = JSON.createObjectNode();
            failed.putObject(kernel.name()).put("available", false).put("reason", "its environment report failed: " + t);
            return failed;
        }
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

    /** HotSpot's flags that bound the vectors, as this JVM settled them (x86: UseAVX, ARM: UseSVE). */
    static final List<String> VECTOR_OPTIONS = List.of("UseAVX", "UseSVE", "MaxVectorSize");

    /**
     * The values this JVM runs with for {@link #VECTOR_OPTIONS}, those it has: what it made of the
     * fork flags (it lowers a {@code -XX:UseAVX} the CPU lacks, with a warning only).
     */
    static ObjectNode vectorOptions() {
        ObjectNode options = JSON.createObjectNode();
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            for (String name : VECTOR_OPTIONS) {
                try {
                    options.put(name, hotSpot.getVMOption(name).getValue());
                } catch (IllegalArgumentException e) {
                    // not a flag on this platform (UseAVX on ARM)
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or no jdk.management: nothing to say
        }
        return options;
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
        String cpuinfo = cpuInfoText();
        return cpu(cpuinfo, System.getProperty("os.name", ""), cpuModel(cpuinfo), preferredVectorBits());
    }

    /**
     * The CPU as the forks see it. The identity (vendor, family, model number, stepping) comes from
     * /proc/cpuinfo: on Linux a field it lacks (an ARM kernel has no cpu family) stays absent; other
     * systems say "unknown". The vector width is the Vector API's preferred species in this JVM,
     * which has the fork flags: a fork run with -XX:UseAVX=2 has 256-bit vectors on an AVX-512 CPU.
     *
     * @param vectorBits the preferred species' bits, or null when the Vector API is not there
     */
    static ObjectNode cpu(String cpuinfo, String osName, String model, Integer vectorBits) {
        ObjectNode cpu = JSON.createObjectNode();
        cpu.put("model", model);
        cpu.put("logicalProcessors", Runtime.getRuntime().availableProcessors());
        ArrayNode features = cpu.putArray("vectorFeatures");
        List<String> flags = new java.util.ArrayList<>();
        for (String flag : cpuInfo(cpuinfo, "flags").split("\\s+")) {
            if (flag.matches("sse4_1|sse4_2|avx|avx2|fma|avx512.*|neon|asimd|sve.*")) {
                features.add(flag);
                flags.add(flag);
            }
        }
        boolean linux = osName.startsWith("Linux");
        identity(cpu, "vendor", cpuInfo(cpuinfo, "vendor_id"), false, linux);
        identity(cpu, "family", cpuInfo(cpuinfo, "cpu family"), true, linux);
        identity(cpu, "modelNumber", cpuInfo(cpuinfo, "model"), true, linux);
        identity(cpu, "stepping", cpuInfo(cpuinfo, "stepping"), true, linux);
        if (vectorBits != null) {
            cpu.put("vectorBits", vectorBits);
            cpu.put("isa", Machine.isa(vectorBits, flags));
        } else {
            cpu.put("vectorBits", "unknown: jdk.incubator.vector is not in the fork JVM");
        }
        return cpu;
    }

    private static void identity(ObjectNode cpu, String field, String value, boolean number, boolean linux) {
        if (!linux) {
            cpu.put(field, "unknown");
        } else if (number && value.matches("\\d{1,9}")) {
            cpu.put(field, Integer.parseInt(value));
        } else if (!number && !value.isEmpty()) {
            cpu.put(field, value);
        }
    }

    /** DoubleVector.SPECIES_PREFERRED's bits, or null; by reflection, as the module is there only with the fork flags. */
    static Integer preferredVectorBits() {
        try {
            Object species = Class.forName("jdk.incubator.vector.DoubleVector").getField("SPECIES_PREFERRED").get(null);
            return (Integer) Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("vectorBitSize")
                    .invoke(species);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static String cpuModel(String cpuinfo) {
        String model = cpuInfo(cpuinfo, "model name");
        if (model.isEmpty()) {
            model = cpuInfo(cpuinfo, "Processor"); // some ARM kernels
        }
        if (model.isEmpty() && System.getProperty("os.name", "").startsWith("Mac")) {
            model = command("sysctl", "-n", "machdep.cpu.brand_string");
        }
        if (model.isEmpty() && System.getenv("PROCESSOR_IDENTIFIER") != null) {
            model = System.getenv("PROCESSOR_IDENTIFIER");
        }
        return model.isEmpty() ? null : model;
    }

    /** /proc/cpuinfo, or "" where there is none (not Linux). */
    private static String cpuInfoText() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** First value of {@code key} in cpuinfo's text, or "". */
    static String cpuInfo(String cpuinfo, String key) {
        for (String line : cpuinfo.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                return line.substring(colon + 1).trim();
            }
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
}
