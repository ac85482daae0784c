package dev.synapsebench.benchmarks.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** async-profiler's library for --flame: the jar's folder per platform, copied out of the class path. */
class AsyncProfilerLibraryTest {

    @Test
    void eachPlatformItShipsAndNoOther() {
        assertEquals(Optional.of("linux-x64"), AsyncProfilerLibrary.platform("Linux", "amd64"));
        assertEquals(Optional.of("linux-arm64"), AsyncProfilerLibrary.platform("Linux", "aarch64"));
        assertEquals(Optional.of("macos"), AsyncProfilerLibrary.platform("Mac OS X", "aarch64"));
        assertEquals(Optional.empty(), AsyncProfilerLibrary.platform("Windows 11", "amd64"));
        assertEquals(Optional.empty(), AsyncProfilerLibrary.platform("Linux", "riscv64"));
        assertEquals(Optional.empty(), AsyncProfilerLibrary.platform("FreeBSD", "amd64"));
    }

    /** The dependency is on the class path (as in benchmarks.jar): each Linux library comes out as an ELF file. */
    @Test
    void theLibraryIsCopiedOutOfTheClassPath(@TempDir Path dir) throws Exception {
        for (String platform : new String[]{"linux-x64", "linux-arm64"}) {
            Path folder = Files.createDirectory(dir.resolve(platform));
            Path library = AsyncProfilerLibrary.extract(platform, folder).orElseThrow();
            assertEquals(folder.resolve(AsyncProfilerLibrary.FILE), library);
            assertTrue(Files.size(library) > 100_000, platform + ": " + Files.size(library) + " bytes");
            assertArrayEquals(new byte[]{0x7f, 'E', 'L', 'F'}, Arrays.copyOf(Files.readAllBytes(library), 4), platform);
        }
        assertEquals(Optional.empty(), AsyncProfilerLibrary.extract("plan9-x64", dir), "no such folder in the jar");
    }

    /** JMH's -prof async options for one row: the library, itimer, a forward HTML graph, a title without separators. */
    @Test
    void theProfilerOptionsOfARow() {
        RunPlan.FlameRow row = new RunPlan.FlameRow("trainMany", "simd", "3-4-1", "float64",
                Map.of("threads", "2", "batch", "64"));
        String options = FlamePass.profilerOptions(Path.of("/tmp/lib.so"), Path.of("/tmp/raw"), row);
        assertEquals("libPath=/tmp/lib.so;event=itimer;interval=1000000;output=flamegraph;direction=forward;"
                + "dir=/tmp/raw;title=trainMany simd 3-4-1 float64 batch 64 threads 2", options);
        assertEquals("flame-itimer-forward.html", FlamePass.JMH_GRAPH);
    }
}
