package dev.synapsebench.benchmarks.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Builds {@code environment.json}: where and how a run was made. The machine and fork-JVM parts
 * come from the launcher's probe, run on the fork JVM; this class adds what only the launcher
 * knows: the command, the git commit, the JVM flags, library versions and the skipped backends.
 * What each backend reports about itself ({@code MatrixKernel.environment()}: its library
 * versions, BLAS, threads, vector species) is merged into the top level as it declares it.
 */
public final class EnvironmentReport {

    public static final ObjectMapper JSON = new ObjectMapper();

    private EnvironmentReport() {
    }

    /**
     * Everything known about the run; the field order is the file's.
     *
     * @param profile       the measurement profile's name
     * @param forkJvm       the fork JVM's {@code java} executable
     * @param addedFlags    the backends' JVM options the launcher added to every fork
     * @param extraArgs     the launcher's {@code --jvm-args}, in every fork (the peak's too) and the probe
     * @param peak          the FP64 peak this run measured
     * @param numpy         whether numpy was timed (details in numpy.json), or why not
     * @param probe         the probe's report from the fork JVM: jdk, os, cpu, jvmArgs, installed,
     *                      and per probed backend its name, description, availability and environment
     */
    public record Launch(Instant started, Instant finished, String host, String profile, List<String> launcherArgs,
                      String forkJvm, List<String> forkArgs, List<String> addedFlags, List<String> extraArgs,
                      JsonNode probe,
                      List<String> measured, Map<String, String> skipped, Path workingDirectory, JsonNode peak,
                      JsonNode numpy) {
    }

    public static ObjectNode build(Launch run) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", 1);

        ObjectNode about = root.putObject("run");
        about.put("started", run.started().toString());
        about.put("finished", run.finished().toString());
        about.put("host", run.host());
        about.put("profile", run.profile());
        about.put("command", userCommand());
        about.put("launcherCommand", ProcessHandle.current().info().commandLine().orElse(null));
        addAll(about.putArray("launcherArgs"), run.launcherArgs());
        about.put("workingDirectory", run.workingDirectory().toString());

        root.set("git", git(run.workingDirectory()));
        root.set("cpu", run.probe().path("cpu"));
        root.set("os", run.probe().path("os"));
        root.set("jdk", run.probe().path("jdk"));

        ObjectNode jvm = root.putObject("jvm");
        jvm.put("executable", run.forkJvm());
        addAll(jvm.putArray("forkArgs"), run.forkArgs());
        addAll(jvm.putArray("addedForBackends"), run.addedFlags());
        addAll(jvm.putArray("extraArgs"), run.extraArgs());
        jvm.set("probedArgs", run.probe().path("jvmArgs"));
        // what the fork JVM made of those flags; cpu.vectorBits is the preferred species they gave
        if (run.probe().has("vectorOptions")) {
            jvm.set("vectorOptions", run.probe().path("vectorOptions"));
        }
        jvm.put("launcherJdk", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));

        root.set("peak", run.peak());
        root.set("numpy", run.numpy());
        root.set("versions", versions());
        for (JsonNode probed : run.probe().path("backends")) {
            mergeInto(root, probed.path("environment"));
        }

        ObjectNode backends = root.putObject("backends");
        backends.set("installed", run.probe().path("installed"));
        ArrayNode measured = backends.putArray("measured");
        for (String name : run.measured()) {
            for (JsonNode probed : run.probe().path("backends")) {
                if (probed.path("name").asText().equals(name)) {
                    measured.addObject().put("name", name).put("description", probed.path("description").asText());
                }
            }
        }
        ArrayNode skipped = backends.putArray("skipped");
        run.skipped().forEach((name, reason) -> skipped.addObject().put("name", name).put("reason", reason));
        return root;
    }

    /**
     * Adds each field of {@code sections} to {@code target}; where both hold an object under the
     * same name (two backends' {@code versions}), their fields are merged.
     */
    static void mergeInto(ObjectNode target, JsonNode sections) {
        Iterator<Map.Entry<String, JsonNode>> fields = sections.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                mergeInto(object, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    /** Any JSON tree as the report files print it. */
    public static String prettyJson(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }


    /** The command the user typed when Maven started the launcher (its script exports the arguments). */
    static String userCommand() {
        String maven = System.getenv("MAVEN_CMD_LINE_ARGS");
        if (maven != null && !maven.isBlank()) {
            return "mvn " + maven.trim();
        }
        return ProcessHandle.current().info().commandLine().orElse(null);
    }

    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isBlank() ? env : "unknown-host";
        }
    }

    /** Commit and whether anything outside results/ differs from it. */
    static ObjectNode git(Path directory) {
        ObjectNode git = JSON.createObjectNode();
        String commit = run(directory, "git", "rev-parse", "HEAD");
        if (commit == null) {
            git.putNull("commit");
            git.putNull("dirty");
            git.put("reason", "not a git checkout, or git is not installed");
            return git;
        }
        git.put("commit", commit.trim());
        String status = run(directory, "git", "status", "--porcelain", "--", ":(top)", ":(top,exclude)results");
        if (status == null) {
            git.putNull("dirty");
        } else {
            git.put("dirty", !status.isBlank());
        }
        return git;
    }

    static ObjectNode versions() {
        ObjectNode versions = JSON.createObjectNode();
        // the launcher's own; each backend adds its libraries' versions in its environment() (async-profiler's
        // is in the flame graphs' section, of the runs that use it)
        for (String library : List.of("synapse", "jmh", "jackson")) {
            version(library).ifPresentOrElse(v -> versions.put(library, v), () -> versions.putNull(library));
        }
        return versions;
    }

    /** A library's version as this build pinned it (synapse-benchmarks.properties); empty when not part of the build. */
    public static Optional<String> version(String library) {
        Properties properties = new Properties();
        try (InputStream in = EnvironmentReport.class.getResourceAsStream("/synapse-benchmarks.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return Optional.empty(); // reported as unknown
        }
        String version = properties.getProperty(library);
        return version == null || version.contains("${") ? Optional.empty() : Optional.of(version);
    }

    private static void addAll(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** Output of a short command, or null when it fails. */
    private static String run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
