package dev.synapsebench.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reading the reference files on the test class path: the file, matrices as lists of rows, layer sizes. */
final class ReferenceJson {

    private ReferenceJson() {
    }

    /** @param resource a class path resource, e.g. {@code /numpy_reference.json} */
    static JsonNode read(String resource) {
        try (InputStream in = ReferenceJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A matrix written as a list of rows (each number Python's repr, which parses back to the same double). */
    static Matrix rows(JsonNode node) {
        double[][] rows = new double[node.size()][];
        for (int r = 0; r < rows.length; r++) {
            JsonNode row = node.get(r);
            rows[r] = new double[row.size()];
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = row.get(c).doubleValue();
            }
        }
        return Matrix.ofRows(rows);
    }

    /** A list of such matrices, one per layer. */
    static List<Matrix> layers(JsonNode node) {
        List<Matrix> layers = new ArrayList<>();
        node.forEach(layer -> layers.add(rows(layer)));
        return layers;
    }

    static Topology topology(JsonNode sizes) {
        int[] values = new int[sizes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = sizes.get(i).asInt();
        }
        return Topology.of(values);
    }
}
