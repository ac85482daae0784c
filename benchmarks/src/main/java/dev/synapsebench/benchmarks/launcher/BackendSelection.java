package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requested backends split by what the probe found on the fork JVM: those that run, and
 * those skipped with their reason (not installed, or unavailable there).
 *
 * @param measured backends to measure, in the requested order
 * @param skipped  backend name to the sentence saying why it is not measured
 */
record BackendSelection(List<String> measured, Map<String, String> skipped) {

    static BackendSelection of(JsonNode probe, List<String> requested) {
        Map<String, JsonNode> probed = new LinkedHashMap<>();
        probe.path("backends").forEach(b -> probed.put(b.path("name").asText(), b));
        List<String> installed = new ArrayList<>();
        probe.path("installed").forEach(name -> installed.add(name.asText()));
        List<String> measured = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String name : requested) {
            JsonNode backend = probed.get(name);
            if (backend == null) {
                skipped.put(name, "not installed (no module on the class path provides a backend called '" + name
                        + "'; installed: " + String.join(", ", installed) + ")");
            } else if (!backend.path("available").asBoolean()) {
                skipped.put(name, backend.path("reason").asText("unavailable"));
            } else {
                measured.add(name);
            }
        }
        return new BackendSelection(List.copyOf(measured), skipped);
    }
}
