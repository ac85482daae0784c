package dev.synapsebench.benchmarks.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Main-Class of {@code benchmarks.jar}, compiled for Java 8 (src/bootstrap, its own compiler
 * execution in benchmarks/pom.xml) so that any {@code java} can load it. On Java
 * {@code minimum.java} (the parent pom's {@code synapse.minimum.jdk}) or newer it runs
 * {@code Main} in this JVM, exactly as if {@code Main} were the Main-Class. On an older Java it
 * re-runs the jar on the newest JDK new enough it finds, as the {@code ./synapse} script does:
 * {@code SYNAPSE_JAVA}, {@code JAVA_HOME}, each {@code java} on {@code PATH}, then the JDKs under
 * {@code /usr/lib/jvm}, {@code /opt/java}, {@code /opt}, {@code ~/.sdkman/candidates/java},
 * {@code ~/.jdks} and {@code /Library/Java/JavaVirtualMachines} (newest first); with this JVM's
 * options and every argument, the same stdin/stdout/stderr, and its exit status. Without one it
 * prints one sentence naming what to install and exits with {@value #NO_JAVA} (the launcher's
 * status for an unusable setup).
 * <p>
 * The folders searched after {@code PATH} can be replaced, for tests, by the system property
 * {@value #SEARCH_PROPERTY} or the environment variable {@value #SEARCH_VARIABLE}: folders holding
 * JDKs, separated by {@link File#pathSeparator} (empty: search none).
 */
public final class Bootstrap {

    /** Exit status when no JDK new enough is found (as {@code UsageException}'s: an unusable setup). */
    public static final int NO_JAVA = 2;

    /** Replaces the folders searched for JDKs (see the class comment). */
    public static final String SEARCH_PROPERTY = "synapse.java.search";

    /** Replaces the folders searched for JDKs when {@link #SEARCH_PROPERTY} is not set. */
    public static final String SEARCH_VARIABLE = "SYNAPSE_JAVA_SEARCH";

    /** Set in the re-run JVM's environment: a JVM started by a bootstrap never starts another. */
    static final String RERUN_VARIABLE = "SYNAPSE_BENCHMARKS_RERUN";

    private static final String MAIN = "dev.synapsebench.benchmarks.launcher.Main";

    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");

    private Bootstrap() {
    }

    public static void main(String[] args) throws Throwable {
        int minimum = minimum();
        int running = feature(System.getProperty("java.specification.version"));
        if (running >= minimum) {
            MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName(MAIN), "main",
                    MethodType.methodType(void.class, String[].class));
            main.invokeExact(args);
            return;
        }
        String here = System.getProperty("java.home");
        if (System.getenv(RERUN_VARIABLE) == null) {
            Candidate java = find(minimum);
            if (java != null) {
                System.err.println("benchmarks: this is Java " + running + ", older than " + minimum + "; running on "
                        + java.executable + " (Java " + java.feature + ")");
                System.exit(rerun(java.executable, args));
            }
        }
        System.err.println("benchmarks: benchmarks.jar needs Java " + minimum + " or newer; this is Java " + running
                + " (" + here + ") and no Java " + minimum + "+ was found in " + searched() + ": install a JDK "
                + minimum + "+ (e.g. 'apt-get install openjdk-" + minimum + "-jdk' or Temurin " + minimum
                + ") or set JAVA_HOME to one");
        System.exit(NO_JAVA);
    }

    /** The oldest Java the project runs on: synapse-core's build.properties, written from the parent pom. */
    static int minimum() {
        Properties p = new Properties();
        try (InputStream in = Bootstrap.class.getResourceAsStream("/dev/synapsebench/core/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the fallback below
        }
        int minimum = feature(p.getProperty("minimum.java", ""));
        return minimum > 0 ? minimum : 21;
    }

    /** 25 for "25" or "25.0.1", 8 for "1.8" or "1.8.0_392", 0 when unparseable. */
    static int feature(String version) {
        String v = version == null ? "" : version.trim();
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        Matcher m = LEADING_NUMBER.matcher(v);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A java executable and its feature version. */
    static final class Candidate {
        final String executable;
        final int feature;

        Candidate(String executable, int feature) {
            this.executable = executable;
            this.feature = feature;
        }
    }

    /** The first named java new enough, else the newest one in the searched folders; null if none. */
    static Candidate find(int minimum) {
        for (Path java : named()) {
            int feature = version(java);
            if (feature >= minimum) {
                return new Candidate(java.toString(), feature);
            }
        }
        Candidate best = null;
        for (Path root : searchRoots()) {
            File[] homes = root.toFile().listFiles();
            if (homes == null) {
                continue;
            }
            Arrays.sort(homes);
            for (File home : homes) {
                for (Path java : Arrays.asList(home.toPath().resolve("bin").resolve(javaName()),
                        home.toPath().resolve("Contents").resolve("Home").resolve("bin").resolve(javaName()))) {
                    if (!Files.isExecutable(java)) {
                        continue;
                    }
                    int feature = version(java);
                    if (feature >= minimum && (best == null || feature > best.feature)) {
                        best = new Candidate(java.toString(), feature);
                    }
                }
            }
        }
        return best;
    }

    /** SYNAPSE_JAVA (a java executable or a JDK folder), JAVA_HOME's java, then every java on PATH. */
    private static List<Path> named() {
        List<Path> named = new ArrayList<>();
        String synapse = System.getenv("SYNAPSE_JAVA");
        if (synapse != null && !synapse.trim().isEmpty()) {
            Path path = Paths.get(synapse.trim());
            named.add(Files.isDirectory(path) ? path.resolve("bin").resolve(javaName()) : path);
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.trim().isEmpty()) {
            named.add(Paths.get(javaHome.trim()).resolve("bin").resolve(javaName()));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
                if (!dir.isEmpty()) {
                    named.add(Paths.get(dir).resolve(javaName()));
                }
            }
        }
        List<Path> usable = new ArrayList<>();
        for (Path java : named) {
            if (Files.isRegularFile(java) && Files.isExecutable(java)) {
                usable.add(java);
            }
        }
        return usable;
    }

    /** The folders holding JDKs: the override, else the usual install folders. */
    static List<Path> searchRoots() {
        String override = System.getProperty(SEARCH_PROPERTY);
        if (override == null) {
            override = System.getenv(SEARCH_VARIABLE);
        }
        List<Path> roots = new ArrayList<>();
        if (override != null) {
            for (String root : override.split(Pattern.quote(File.pathSeparator))) {
                if (!root.trim().isEmpty()) {
                    roots.add(Paths.get(root.trim()));
                }
            }
            return roots;
        }
        String home = System.getProperty("user.home");
        roots.add(Paths.get("/usr/lib/jvm"));
        roots.add(Paths.get("/opt/java"));
        roots.add(Paths.get("/opt"));
        roots.add(Paths.get(home, ".sdkman", "candidates", "java"));
        roots.add(Paths.get(home, ".jdks"));
        roots.add(Paths.get("/Library/Java/JavaVirtualMachines"));
        return roots;
    }

    /** Where this bootstrap looked, for the sentence. */
    private static String searched() {
        Set<String> places = new LinkedHashSet<>(Arrays.asList("SYNAPSE_JAVA", "JAVA_HOME", "PATH"));
        String home = System.getProperty("user.home");
        for (Path root : searchRoots()) {
            String name = root.toString();
            places.add(home != null && !home.isEmpty() && name.startsWith(home + File.separator)
                    ? "~" + name.substring(home.length()) : name);
        }
        StringBuilder text = new StringBuilder();
        List<String> list = new ArrayList<>(places);
        for (int i = 0; i < list.size(); i++) {
            text.append(i == 0 ? "" : i == list.size() - 1 ? " or " : ", ").append(list.get(i));
        }
        return text.toString();
    }

    /** The feature version of a java: its JDK's release file, else what it says it is; 0 if neither works. */
    static int version(Path java) {
        try {
            Path home = java.toRealPath().getParent().getParent();
            Path release = home.resolve("release");
            if (Files.isRegularFile(release)) {
                for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        return feature(line.substring("JAVA_VERSION=".length()).replace("\"", ""));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // ask the executable itself
        }
        return askedVersion(java);
    }

    private static int askedVersion(Path java) {
        try {
            Process process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            int feature = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    String trimmed = line.trim();
                    if (feature == 0 && trimmed.startsWith("java.specification.version = ")) {
                        feature = feature(trimmed.substring("java.specification.version = ".length()));
                    }
                }
            }
            return process.waitFor() == 0 ? feature : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Runs this jar (or this class, when started from a class path) on {@code java} with this JVM's
     * options and {@code args}, sharing stdin/stdout/stderr; returns its exit status. The JVM option
     * variables are left out of its environment: their options are among this JVM's, passed on.
     */
    static int rerun(String java, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        String classPath = System.getProperty("java.class.path");
        String jar = jar();
        if (jar != null && new File(jar).getAbsoluteFile().equals(new File(classPath).getAbsoluteFile())) {
            command.add("-jar");
            command.add(jar);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(Bootstrap.class.getName());
        }
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put(RERUN_VARIABLE, "1");
        final Process child = builder.start();
        // a launcher stopped by a signal stops its re-run (which keeps its own shutdown hooks' promises)
        Thread stop = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "stop-rerun");
        Runtime.getRuntime().addShutdownHook(stop);
        return child.waitFor();
    }

    /** The jar this class was loaded from, if it was. */
    private static String jar() {
        try {
            File source = new File(Bootstrap.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return source.isFile() ? source.getPath() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String javaName() {
        return File.separatorChar == '\\' ? "java.exe" : "java";
    }
}
