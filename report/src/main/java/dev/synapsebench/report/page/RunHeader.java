package dev.synapsebench.report.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.Machine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The page's header: where and how the run was made (machine, JDK, fork flags and the extra ones
 * given with {@code --jvm-args}, commit, profile, date), numpy's version and BLAS, and the measured
 * peak. A field the run did not record reads "not recorded", so an older run's page still has every line.
 */
final class RunHeader {

    private static final String NOT_RECORDED = "not recorded";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private RunHeader() {
    }

    /** The page title: the run's start and host, which stay true after the staging folder is renamed. */
    static String title(MeasuredRun run) {
        Optional<String> started = run.environmentText("run", "started").map(RunHeader::date);
        Optional<String> host = run.environmentText("run", "host");
        return started.isPresent() && host.isPresent() ? "Benchmark run of " + started.get() + " on " + host.get()
                : "Benchmark run " + run.name();
    }

    /** One Markdown list item per field. */
    static List<String> items(MeasuredRun run) {
        List<String> items = new ArrayList<>();
        items.add("**CPU:** " + cpu(run));
        items.add("**JDK:** " + jdk(run));
        items.add("**Fork flags:** " + forkFlags(run.environment().path("jvm").path("forkArgs")));
        extraJvmOptions(run).ifPresent(options -> items.add("**Extra JVM options:** " + options));
        items.add("**Commit:** " + commit(run));
        items.add("**Profile:** " + run.environmentText("run", "profile").orElse(NOT_RECORDED));
        items.add("**Date:** " + when(run));
        run.environmentText("vectorApi", "preferredSpeciesBits").ifPresent(bits ->
                items.add("**Vector API:** " + bits + "-bit preferred species"));
        items.add("**numpy:** " + numpy(run));
        items.add("**FP64 peak:** " + peak(run));
        items.add("**Backends:** " + backends(run));
        return items;
    }

    /** What each measured backend is (the table names them only), and why any was skipped. */
    private static String backends(MeasuredRun run) {
        JsonNode backends = run.environment().path("backends");
        List<String> parts = new ArrayList<>();
        backends.path("measured").forEach(b -> parts.add("`" + b.path("name").asText() + "`: "
                + b.path("description").asText(NOT_RECORDED)));
        backends.path("skipped").forEach(b -> parts.add("`" + b.path("name").asText() + "` skipped: "
                + b.path("reason").asText(NOT_RECORDED)));
        return parts.isEmpty() ? NOT_RECORDED : String.join("; ", parts);
    }

    /**
     * "AMD EPYC (family 25, model 1, stepping 1), 2 logical processors, AVX2: 256-bit vectors, FP64
     * peak 42.5 GFLOP/s": environment.json's facts, machine.json's where the run recorded none.
     */
    private static String cpu(MeasuredRun run) {
        Machine machine;
        try {
            machine = Machine.of(run);
        } catch (java.io.UncheckedIOException | dev.synapsebench.model.RunFolderException e) {
            // a damaged machine.json: the run's own environment.json still says what it can
            machine = Machine.fromEnvironment(run.environment());
        }
        List<String> parts = new ArrayList<>();
        parts.add(machine.text(Machine.MODEL_NAME).isPresent() ? machine.describe() : NOT_RECORDED);
        run.environmentText("cpu", "logicalProcessors").ifPresent(n -> parts.add(n + " logical processors"));
        machine.vectors().ifPresent(parts::add);
        machine.peak().ifPresent(parts::add);
        return String.join(", ", parts);
    }

    private static String jdk(MeasuredRun run) {
        Optional<String> version = run.environmentText("jdk", "runtime.version").or(() -> run.environmentText("jdk",
                "version"));
        if (version.isEmpty()) {
            return NOT_RECORDED;
        }
        return run.environmentText("jdk", "vendor").map(v -> v + " ").orElse("") + version.get()
                + run.environmentText("jdk", "vm.name").map(vm -> " (" + vm + ")").orElse("");
    }

    private static String forkFlags(JsonNode args) {
        if (!args.isArray()) {
            return NOT_RECORDED;
        }
        if (args.isEmpty()) {
            return "none";
        }
        return String.join(" ", StreamSupport.stream(args.spliterator(), false).map(a -> "`" + a.asText() + "`")
                .toList());
    }

    /**
     * The launcher's {@code --jvm-args}, with what they gave the forks: "`-XX:UseAVX=1` (every fork's, the
     * peak's too; there the preferred vector species had 128 bits, UseAVX 1, MaxVectorSize 16)".
     */
    private static Optional<String> extraJvmOptions(MeasuredRun run) {
        JsonNode extra = run.environment().path("jvm").path("extraArgs");
        if (!extra.isArray() || extra.isEmpty()) {
            return Optional.empty();
        }
        List<String> seen = new ArrayList<>();
        run.environmentText("cpu", "vectorBits").filter(bits -> bits.matches("\\d+"))
                .ifPresent(bits -> seen.add("the preferred vector species had " + bits + " bits"));
        run.environment().path("jvm").path("vectorOptions").fields()
                .forEachRemaining(option -> seen.add(option.getKey() + " " + option.getValue().asText()));
        return Optional.of(forkFlags(extra) + " (every fork's, the peak's too" + (seen.isEmpty() ? ""
                : "; there " + String.join(", ", seen)) + ")");
    }

    private static String commit(MeasuredRun run) {
        Optional<String> commit = run.environmentText("git", "commit");
        if (commit.isEmpty()) {
            return NOT_RECORDED;
        }
        String state = switch (run.environmentText("git", "dirty").orElse("")) {
            case "true" -> " (dirty: the tree had uncommitted changes, so the code measured is not exactly this commit)";
            case "false" -> " (clean)";
            default -> "";
        };
        return "`" + commit.get() + "`" + state;
    }

    private static String when(MeasuredRun run) {
        Optional<String> started = run.environmentText("run", "started");
        if (started.isEmpty()) {
            return NOT_RECORDED;
        }
        Optional<String> took = run.environmentText("run", "finished").flatMap(finished -> {
            try {
                Duration d = Duration.between(Instant.parse(started.get()), Instant.parse(finished));
                return Optional.of(d.toMinutes() + " min " + d.toSecondsPart() + " s");
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
        return date(started.get()) + took.map(t -> ", took " + t).orElse("");
    }

    private static String date(String instant) {
        try {
            return DATE.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    private static String numpy(MeasuredRun run) {
        JsonNode numpy = run.numpy();
        if (numpy.isMissingNode()) {
            return "not timed in this run";
        }
        JsonNode oneThread = numpy.path("oneThread");
        if (!oneThread.path("numpy").isTextual()) {
            return "not timed" + (numpy.path("skipped").isTextual() ? ": " + numpy.path("skipped").asText() : "");
        }
        JsonNode blas = oneThread.path("blas");
        String library = blas.path("name").isTextual() ? " on " + blas.path("name").asText()
                + (blas.path("version").isTextual() ? " " + blas.path("version").asText() : "")
                + (blas.path("corename").isTextual() ? " (" + blas.path("corename").asText() + " kernels)" : "")
                : ", BLAS not recorded";
        String threads = numpy.path("allThreadsCount").isInt()
                ? "; timed on 1 and on " + numpy.path("allThreadsCount").asInt() + " BLAS threads" : "";
        String python = oneThread.path("python").isTextual() ? ", Python " + oneThread.path("python").asText() : "";
        return "numpy " + oneThread.path("numpy").asText() + library + threads + python;
    }

    private static String peak(MeasuredRun run) {
        double peak = run.peakGflops();
        if (Double.isNaN(peak)) {
            return "not measured in this run (no % of peak)";
        }
        String basis = run.environmentText("peak", "basis").map(b -> b + " of ").orElse("");
        String fp32 = run.environmentText("peak", "fp32GflopsOneCore")
                .map(g -> String.format(Locale.ROOT, "; FP32 peak %.1f GFLOP/s (float32 rows' %% of peak)", Double.parseDouble(g)))
                .orElse("");
        return String.format(Locale.ROOT, "%.1f GFLOP/s on one core", peak)
                + run.environmentText("peak", "method").map(m -> " (" + basis + m + ")").orElse("") + fp32;
    }
}
