package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.core.JavaVersions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForkJvmTest {

    @Test
    void vectorModuleEverywhereNativeAccessFlagsOnlyFrom24() {
        assertEquals(List.of("--add-modules=jdk.incubator.vector"), ForkJvm.backendFlags(21));
        assertEquals(List.of("--add-modules=jdk.incubator.vector"), ForkJvm.backendFlags(23));
        assertEquals(List.of("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow"), ForkJvm.backendFlags(24));
        assertEquals(ForkJvm.backendFlags(24), ForkJvm.backendFlags(25));
    }

    @Test
    void parsesSpecificationVersions() {
        assertEquals(8, JavaVersions.feature("1.8"));
        assertEquals(21, JavaVersions.feature("21"));
        assertEquals(25, JavaVersions.feature("25"));
        assertEquals(0, JavaVersions.feature("?"));
    }

    @Test
    void inspectsTheRunningJvm() {
        ForkJvm jvm = ForkJvm.inspect(ForkJvm.currentExecutable());
        assertEquals(Runtime.version().feature(), jvm.featureVersion());
        assertEquals(System.getProperty("java.vendor"), jvm.properties().get("java.vendor"));
        // the flags it gets must be accepted by it
        assertTrue(jvm.backendFlags().contains("--add-modules=jdk.incubator.vector"));
    }

    @Test
    void acceptsAJdkFolder() {
        assertEquals(ForkJvm.currentExecutable(), ForkJvm.inspect(System.getProperty("java.home")).executable());
    }

    @Test
    void aMissingJvmIsOneSentence() {
        UsageException e = assertThrows(UsageException.class, () -> ForkJvm.inspect("/no/such/java"));
        assertTrue(e.getMessage().contains("/no/such/java"), e.getMessage());
    }

    @Test
    void optionsTheJvmTakesAreNoRefusal() {
        ForkJvm jvm = ForkJvm.inspect(ForkJvm.currentExecutable());
        assertEquals(java.util.Optional.empty(), jvm.refusal(List.of()));
        assertEquals(java.util.Optional.empty(), jvm.refusal(List.of("-XX:MaxVectorSize=16", "-Xss2m")));
    }

    /** --jvm-args the fork JVM refuses: its own reason, without its generic lines or an exception's class name. */
    @Test
    void aRefusalIsTheJvmsReasonInOneLine() {
        ForkJvm jvm = ForkJvm.inspect(ForkJvm.currentExecutable());
        String unknown = jvm.refusal(List.of("-XX:+NoSuchOption")).orElseThrow();
        assertEquals("Unrecognized VM option 'NoSuchOption'", unknown);
        String module = jvm.refusal(List.of("--add-modules=no.such.module")).orElseThrow();
        assertTrue(module.contains("Module no.such.module not found"), module);
        assertFalse(module.contains("java.lang") || module.contains("Exception") || module.contains("\n"), module);
    }
}
