package dev.synapsebench.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flame graphs a run made after its measurements (the launcher's {@code --flame}), as its
 * {@code environment.json} records them under {@link #SECTION}: the launcher writes this record,
 * the report reads it back. The graphs themselves are HTML files in the run folder's
 * {@link RunFiles#FLAME_DIR}; none of the profiled forks' timings are among the run's results.
 *
 * @param benchmark      the benchmark profiled
 * @param profiler       "async-profiler 4.1", through JMH's {@code -prof async}
 * @param event          async-profiler's event, e.g. {@code itimer}
 * @param eventNote      why that event, in a sentence
 * @param intervalMillis the sampling interval
 * @param warmup         each row's warm-up, e.g. "2 x 500 ms" (sampled, then discarded)
 * @param sampled        what each row's graph holds, e.g. "4 x 1 s"
 * @param sampledSeconds the same in seconds
 * @param graphs         one per profiled row that produced one
 * @param failures       one sentence per row that produced none
 * @param skipped        why nothing was profiled (the profiler cannot load here), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlameGraphs(String benchmark, String profiler, String event, String eventNote, double intervalMillis,
                          String warmup, String sampled, double sampledSeconds, List<Graph> graphs,
                          List<String> failures, String skipped) {

    /** The section of environment.json that holds this record. */
    public static final String SECTION = "flame";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One row's graph.
     *
     * @param params a many-networks row's batch and threads; empty for the others
     * @param file   the HTML file, relative to the run folder ({@code flame/trainingStep-simd-3-4-1-float64.html})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Graph(String backend, String network, String dtype, Map<String, String> params, String file) {

        public Graph {
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    public FlameGraphs {
        graphs = graphs == null ? List.of() : List.copyOf(graphs);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** This record as environment.json's {@link #SECTION}. */
    public JsonNode toJson() {
        return JSON.valueToTree(this);
    }

    /** The flame graphs a run's environment.json records; empty for a run made without {@code --flame}, or a damaged section. */
    public static Optional<FlameGraphs> of(JsonNode environment) {
        JsonNode section = environment.path(SECTION);
        if (!section.isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.treeToValue(section, FlameGraphs.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
