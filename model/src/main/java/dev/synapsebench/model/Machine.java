package dev.synapsebench.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What is known of the machine a run ran on, each fact with where it comes from: the run's
 * {@code environment.json} where it recorded the fact, else the run's {@code machine.json} (written
 * beside runs made before environment.json named the CPU, with what could be inferred and how).
 *
 * @param facts by name ({@link #FACTS}), each with its value (null: unknown) and its source
 */
public record Machine(Map<String, Fact> facts) {

    public static final String VENDOR = "vendor";
    public static final String MODEL_NAME = "modelName";
    public static final String FAMILY = "family";
    public static final String MODEL = "model";
    public static final String STEPPING = "stepping";
    public static final String ISA = "isa";
    public static final String VECTOR_BITS = "vectorBits";
    public static final String FP64_PEAK = "fp64PeakGflopsOneCore";

    /** The facts, in the file's order. */
    public static final List<String> FACTS = List.of(VENDOR, MODEL_NAME, FAMILY, MODEL, STEPPING, ISA, VECTOR_BITS,
            FP64_PEAK);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_RECORDED = "unknown: the run did not record it";

    /** A fact's value (a string or a number; null when unknown) and where it comes from. */
    public record Fact(JsonNode value, String source) {
        public boolean known() {
            return value != null && !value.isNull() && !value.isMissingNode();
        }

        public Optional<String> text() {
            return known() ? Optional.of(value.asText()) : Optional.empty();
        }
    }

    /**
     * The machine of a run: environment.json's facts, and machine.json's where environment.json has none.
     *
     * @throws RunFolderException   with one sentence when machine.json exists but is not JSON
     * @throws UncheckedIOException when machine.json exists but cannot be read
     */
    public static Machine of(MeasuredRun run) {
        Machine recorded = fromEnvironment(run.environment());
        Path file = run.folder().resolve(RunFiles.MACHINE_JSON);
        return Files.isRegularFile(file) ? recorded.orElse(read(file)) : recorded;
    }

    /** The facts environment.json records (the CPU's identity since the probe read /proc/cpuinfo for it). */
    public static Machine fromEnvironment(JsonNode environment) {
        JsonNode cpu = environment.path("cpu");
        Map<String, Fact> facts = new LinkedHashMap<>();
        facts.put(VENDOR, recorded(cpu, "vendor", "environment.json cpu.vendor (vendor_id in /proc/cpuinfo)"));
        facts.put(MODEL_NAME, recorded(cpu, "model", "environment.json cpu.model (model name in /proc/cpuinfo)"));
        facts.put(FAMILY, number(cpu, "family", "environment.json cpu.family (cpu family in /proc/cpuinfo)"));
        facts.put(MODEL, number(cpu, "modelNumber", "environment.json cpu.modelNumber (model in /proc/cpuinfo)"));
        facts.put(STEPPING, number(cpu, "stepping", "environment.json cpu.stepping (stepping in /proc/cpuinfo)"));

        Fact bits = number(cpu, "vectorBits", "environment.json cpu.vectorBits (DoubleVector.SPECIES_PREFERRED in the"
                + " fork JVM)");
        if (!bits.known()) {
            // runs before cpu.vectorBits: the simd backend's own report, also made in the fork JVM
            bits = number(environment.path("vectorApi"), "preferredSpeciesBits", "environment.json"
                    + " vectorApi.preferredSpeciesBits (the simd backend's preferred species in the fork JVM)");
        }
        facts.put(VECTOR_BITS, bits);
        Fact isa = recorded(cpu, "isa", "environment.json cpu.isa");
        if (!isa.known() && bits.known()) {
            isa = new Fact(JSON.getNodeFactory().textNode(isa(bits.value().asInt(), flags(cpu))),
                    "the vector width and environment.json cpu.vectorFeatures");
        }
        facts.put(ISA, isa);
        JsonNode peak = environment.path("peak").path("fp64GflopsOneCore");
        facts.put(FP64_PEAK, peak.isNumber() ? new Fact(peak, "measured peak in environment.json"
                + " peak.fp64GflopsOneCore (" + environment.path("peak").path("basis").asText("best iteration")
                + " of PeakBenchmark)") : new Fact(null, "unknown: the run measured no peak"));
        return new Machine(facts);
    }

    /**
     * The vector instruction set a width stands for: AVX-512 for 512 bits, AVX2 for 256, unless the
     * CPU's flags say the vectors are SVE (an ARM CPU); else the width alone ("128-bit").
     */
    public static String isa(int bits, List<String> flags) {
        boolean sve = flags.stream().anyMatch(f -> f.startsWith("sve"));
        if (sve) {
            return "SVE " + bits + "-bit";
        }
        return switch (bits) {
            case 512 -> "AVX-512";
            case 256 -> "AVX2";
            default -> bits + "-bit";
        };
    }

    private static List<String> flags(JsonNode cpu) {
        List<String> flags = new java.util.ArrayList<>();
        cpu.path("vectorFeatures").forEach(f -> flags.add(f.asText()));
        return flags;
    }

    /** This machine, with the other's fact wherever this one does not know it. */
    public Machine orElse(Machine other) {
        Map<String, Fact> merged = new LinkedHashMap<>();
        for (String name : FACTS) {
            Fact mine = fact(name);
            Fact theirs = other.fact(name);
            merged.put(name, mine.known() || !theirs.known() ? mine : theirs);
        }
        return new Machine(merged);
    }

    public Fact fact(String name) {
        return facts.getOrDefault(name, new Fact(null, NOT_RECORDED));
    }

    public Optional<String> text(String name) {
        return fact(name).text();
    }

    /** "AMD EPYC (family 25, model 1, stepping 1)"; the parts not known are left out. */
    public String describe() {
        String name = text(MODEL_NAME).orElse("unknown CPU");
        List<String> id = new java.util.ArrayList<>();
        text(FAMILY).ifPresent(f -> id.add("family " + f));
        text(MODEL).ifPresent(m -> id.add("model " + m));
        text(STEPPING).ifPresent(s -> id.add("stepping " + s));
        return id.isEmpty() ? name : name + " (" + String.join(", ", id) + ")";
    }

    /** "AVX2: 256-bit vectors", or empty when neither is known. */
    public Optional<String> vectors() {
        Optional<String> bits = text(VECTOR_BITS).map(b -> b + "-bit vectors");
        Optional<String> isa = text(ISA);
        if (isa.isPresent() && bits.isPresent() && !isa.get().contains("-bit")) {
            return Optional.of(isa.get() + ": " + bits.get());
        }
        return bits.or(() -> isa);
    }

    /** "FP64 peak 42.5 GFLOP/s", or empty when not measured. */
    public Optional<String> peak() {
        Fact peak = fact(FP64_PEAK);
        return peak.known() ? Optional.of(String.format(Locale.ROOT, "FP64 peak %.1f GFLOP/s", peak.value().asDouble()))
                : Optional.empty();
    }

    /** The machine.json form: {@code {"schema": 1, "<fact>": {"value": ..., "source": ...}, ...}}. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", 1);
        for (String name : FACTS) {
            Fact fact = fact(name);
            ObjectNode node = root.putObject(name);
            if (fact.known()) {
                node.set("value", fact.value());
            } else {
                node.putNull("value");
            }
            node.put("source", fact.source());
        }
        return root;
    }

    /** {@link #toJson()}, pretty-printed as the run's other files are. */
    public String toJsonText() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + RunFiles.MACHINE_JSON, e);
        }
    }

    /**
     * @throws RunFolderException   with one sentence when the file is not JSON
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Machine read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new RunFolderException(file + " is not valid JSON (truncated or corrupt, line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!root.isObject()) {
            throw new RunFolderException(file + " holds no object of facts");
        }
        Map<String, Fact> facts = new LinkedHashMap<>();
        for (String name : FACTS) {
            JsonNode fact = root.path(name);
            JsonNode value = fact.path("value");
            facts.put(name, new Fact(value.isValueNode() && !value.isNull() ? value : null,
                    fact.path("source").asText(NOT_RECORDED)));
        }
        return new Machine(facts);
    }

    private static Fact recorded(JsonNode section, String field, String source) {
        JsonNode value = section.path(field);
        return value.isTextual() && !value.asText().isBlank() && !value.asText().equals("unknown")
                ? new Fact(value, source) : new Fact(null, NOT_RECORDED);
    }

    private static Fact number(JsonNode section, String field, String source) {
        JsonNode value = section.path(field);
        return value.isNumber() ? new Fact(value, source) : new Fact(null, NOT_RECORDED);
    }
}
