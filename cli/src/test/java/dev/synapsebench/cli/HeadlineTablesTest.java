package dev.synapsebench.cli;

import dev.synapsebench.report.page.HeadlineBlocks;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's headline tables are what {@code synapse report --headlines README.md} writes from
 * their run folders, so a number typed or kept by hand fails here.
 */
class HeadlineTablesTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmesHeadlinesAreGeneratedFromTheirRuns() throws Exception {
        String readme = Files.readString(README);
        assertTrue(HeadlineBlocks.count(readme) > 0, "the README quotes at least one run's headline");
        assertEquals(HeadlineBlocks.update(readme, README.toAbsolutePath().getParent()), readme,
                "run ./synapse report --headlines README.md");
    }
}
