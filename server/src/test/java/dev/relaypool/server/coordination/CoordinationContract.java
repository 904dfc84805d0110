package dev.relaypool.server.coordination;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * The one contract every {@link Coordination} passes; a subclass per implementation supplies the nodes and the
 * passing of time. The tests live in one interface per capability, mixed in here.
 */
public abstract class CoordinationContract implements ContractFixture,
        LeaseContract, RateWindowContract, StickyBindingContract, CooldownContract, ClusterLockContract,
        BroadcastContract {

    private Coordination node;
    private Coordination otherNode;
    private String prefix;
    private final List<AutoCloseable> cleanups = new ArrayList<>();

    /** A fresh node on the shared store. */
    protected abstract Coordination startNode();

    /** A second node sharing {@code first}'s store (in-process: {@code first} itself). */
    protected abstract Coordination startPeer(Coordination first);

    @BeforeEach
    void startNodes(TestInfo test) {
        prefix = test.getTestMethod().orElseThrow().getName() + ":" + UUID.randomUUID() + ":";
        node = startNode();
        otherNode = startPeer(node);
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (AutoCloseable cleanup : cleanups.reversed()) {
            cleanup.close();
        }
        if (otherNode != node) {
            otherNode.close();
        }
        node.close();
    }

    @Override
    public Coordination node() {
        return node;
    }

    @Override
    public Coordination otherNode() {
        return otherNode;
    }

    @Override
    public String key(String name) {
        return prefix + name;
    }

    @Override
    public <T extends AutoCloseable> T closeAfterTest(T resource) {
        cleanups.add(resource);
        return resource;
    }
}
