package dev.synapsebench.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Files that are not plain readable files, named where the CLI reads a file: a directory, the
 * devices {@code /dev/null} and {@code /dev/zero}, a fifo (a plain open of one without a writer
 * waits forever), a file without read permission, a missing file, a dangling symbolic link.
 * Each is one sentence before anything is opened, for {@code train --inputs}, {@code --targets}
 * and {@code merge}; {@code report} and {@code compare} read folders and end the same way. A
 * symbolic link to a good file is read as the file. Each case is bounded (a hang fails it).
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnusualFileTest {

    @TempDir
    static Path dir;

    private static Path goodX;
    private static Path goodY;
    private static Path fifo;
    private static Path unreadable;
    private static Path dangling;
    private static Path linkToFifo;

    @BeforeAll
    static void files() throws IOException, InterruptedException {
        goodX = Files.writeString(dir.resolve("x.csv"), "0,0,1\n1,1,1\n1,0,1\n0,1,1\n");
        goodY = Files.writeString(dir.resolve("y.csv"), "0\n1\n1\n0\n");
        fifo = dir.resolve("fifo.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + fifo + " failed");
        }
        unreadable = Files.writeString(dir.resolve("unreadable.csv"), "0,0,1\n");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("-w-------"));
        dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("gone.csv"));
        linkToFifo = Files.createSymbolicLink(dir.resolve("link-to-fifo.csv"), fifo);
    }

    static Stream<Arguments> unusualFiles() {
        return Stream.of(
                Arguments.of("a directory", (java.util.function.Supplier<Path>) () -> dir, "is a directory, not a file"),
                Arguments.of("the empty path", (java.util.function.Supplier<Path>) () -> Path.of(""),
                        "'' is a directory, not a file"),
                Arguments.of("/dev/null", (java.util.function.Supplier<Path>) () -> Path.of("/dev/null"),
                        "/dev/null is not a regular file (a character device)"),
                Arguments.of("/dev/zero", (java.util.function.Supplier<Path>) () -> Path.of("/dev/zero"),
                        "/dev/zero is not a regular file (a character device)"),
                Arguments.of("a fifo", (java.util.function.Supplier<Path>) () -> fifo, "is not a regular file (a fifo)"),
                Arguments.of("a link to a fifo", (java.util.function.Supplier<Path>) () -> linkToFifo,
                        "is not a regular file (a fifo)"),
                Arguments.of("a missing file", (java.util.function.Supplier<Path>) () -> dir.resolve("missing.csv"),
                        "missing.csv does not exist"),
                Arguments.of("a dangling link", (java.util.function.Supplier<Path>) () -> dangling,
                        "dangling.csv is a symbolic link to a file that does not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusualFiles")
    void isOneSentenceWhereverAFileIsRead(String what, java.util.function.Supplier<Path> file, String message) {
        String f = file.get().toString();
        for (List<String> args : List.of(
                List.of("train", "--inputs", f, "--targets", goodY.toString()),
                List.of("train", "--inputs", goodX.toString(), "--targets", f),
                List.of("train", "--inputs", f, "--targets", goodY.toString(), "--seeds", "1-2"),
                List.of("merge", f))) {
            Outcome.refused(args, message);
        }
        // run folders: whatever they say, one sentence
        for (List<String> args : List.of(List.of("report", f), List.of("compare", f, f), List.of("compare", dir.toString(), f))) {
            CliRun r = Outcome.run(args);
            assertEquals(2, r.status(), r.err());
        }
    }

    @Test
    void aFileWithoutReadPermissionIsOneSentence() {
        Assumptions.assumeFalse(Files.isReadable(unreadable), "running as root, which reads every file");
        Outcome.refused(List.of("train", "--inputs", unreadable.toString(), "--targets", goodY.toString()),
                "cannot read " + unreadable + ": permission denied");
        Outcome.refused(List.of("merge", unreadable.toString()), "cannot read " + unreadable + ": permission denied");
    }

    @Test
    void aLinkToAGoodFileIsReadAsTheFile() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link-to-x.csv"), goodX);
        List<String> common = new ArrayList<>(List.of("--targets", goodY.toString(), "--iterations", "10", "--format", "json"));
        List<String> viaLink = new ArrayList<>(List.of("train", "--inputs", link.toString()));
        viaLink.addAll(common);
        List<String> direct = new ArrayList<>(List.of("train", "--inputs", goodX.toString()));
        direct.addAll(common);
        assertEquals(Outcome.accepted(direct).out(), Outcome.accepted(viaLink).out());
    }
}
