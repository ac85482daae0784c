package dev.synapsebench.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopologyTest {

    @Test
    void parsesAndPrints() {
        Topology t = Topology.parse("8-32-16-1");
        assertArrayEquals(new int[] {8, 32, 16, 1}, t.sizes());
        assertEquals(3, t.layers());
        assertEquals(32, t.fanOut(0));
        assertEquals("8-32-16-1", t.toString());
        assertEquals(Topology.of(3, 1), Topology.parse("3-1"));
    }

    @Test
    void refusesWhatIsNotANetwork() {
        assertThrows(IllegalArgumentException.class, () -> Topology.parse("3"));
        assertThrows(IllegalArgumentException.class, () -> Topology.parse("3-x-1"));
        assertThrows(IllegalArgumentException.class, () -> Topology.parse("3-0-1"));
        assertThrows(IllegalArgumentException.class, () -> Topology.parse("3--1"));
    }
}
