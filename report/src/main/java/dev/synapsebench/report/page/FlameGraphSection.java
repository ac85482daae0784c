package dev.synapsebench.report.page;

import dev.synapsebench.model.FlameGraphs;
import dev.synapsebench.model.MeasuredRun;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The page's "Flame graphs" section, for a run made with the launcher's {@code --flame}: which
 * benchmark was profiled, with which event and for how long, then a link per row to its graph (HTML
 * beside the page); or the sentence saying why there are none.
 */
final class FlameGraphSection {

    private FlameGraphSection() {
    }

    /** The section's Markdown, empty for a run without flame graphs. */
    static String markdown(MeasuredRun run) {
        return FlameGraphs.of(run.environment()).map(flame -> markdown(run, flame)).orElse("");
    }

    private static String markdown(MeasuredRun run, FlameGraphs flame) {
        StringBuilder section = new StringBuilder("## Flame graphs\n\n");
        if (flame.skipped() != null) {
            section.append("None: ").append(flame.skipped()).append(".\n\n");
            return section.toString();
        }
        section.append(String.format(Locale.ROOT, "Where `%s`'s time goes on each row, profiled after the"
                        + " measurements in a fork of its own (%s of warm-up, then %s sampled; the profiled forks'"
                        + " timings are not in the tables). Profiler: %s, event `%s` every %s ms: %s.%n%n",
                flame.benchmark(), flame.warmup(), flame.sampled(), flame.profiler(), flame.event(),
                number(flame.intervalMillis()), flame.eventNote()));
        List<String> items = new ArrayList<>();
        for (FlameGraphs.Graph graph : flame.graphs()) {
            String label = label(graph);
            items.add(Files.isRegularFile(run.folder().resolve(graph.file())) ? "[" + label + "](" + graph.file() + ")"
                    : label + ": `" + graph.file() + "` is not in this folder");
        }
        flame.failures().forEach(failure -> items.add("No graph for " + failure));
        items.forEach(item -> section.append("- ").append(item).append('\n'));
        return section.append('\n').toString();
    }

    /** "simd, 784-128-10x256, float64", a many-networks row's with "batch 64, threads 2". */
    private static String label(FlameGraphs.Graph graph) {
        List<String> parts = new ArrayList<>(List.of(graph.backend(), graph.network(), graph.dtype()));
        new TreeMap<>(graph.params()).forEach((param, value) -> parts.add(param + " " + value));
        return String.join(", ", parts);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
