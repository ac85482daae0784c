package dev.synapsebench.benchmarks.jmh;

import dev.synapsebench.model.BenchmarkSchema;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The benchmarks are measured under the names every reader of a run keys its rows by
 * ({@link BenchmarkSchema}): their methods and {@code @Param} fields are checked against it, so a
 * renamed parameter fails here rather than in a report that silently finds no rows.
 */
class BenchmarkSchemaTest {

    @Test
    void benchmarkMethodsAreTheSchemasInItsOrder() {
        Set<String> methods = new TreeSet<>();
        for (Class<?> type : List.of(NetworkBenchmark.class, ManyNetworksBenchmark.class)) {
            Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class)).map(Method::getName)
                    .forEach(methods::add);
        }
        assertEquals(new TreeSet<>(BenchmarkSchema.BENCHMARK_ORDER), methods);
    }

    @Test
    void parametersAreTheSchemas() {
        assertEquals(Set.of(BenchmarkSchema.BACKEND, BenchmarkSchema.NETWORK, BenchmarkSchema.DTYPE),
                params(NetworkBenchmark.class));
        assertEquals(Set.of(BenchmarkSchema.BACKEND, BenchmarkSchema.NETWORK, BenchmarkSchema.DTYPE,
                BenchmarkSchema.BATCH, BenchmarkSchema.THREADS), params(ManyNetworksBenchmark.class));
    }

    /** The {@code @Param} fields of the benchmark's state classes (its nested classes). */
    private static Set<String> params(Class<?> benchmark) {
        Set<String> names = new TreeSet<>();
        for (Class<?> state : benchmark.getDeclaredClasses()) {
            for (Field field : state.getDeclaredFields()) {
                if (field.isAnnotationPresent(Param.class)) {
                    names.add(field.getName());
                }
            }
        }
        return names;
    }
}
