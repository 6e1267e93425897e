package cn.tongban.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/** Leaf hashes held in memory; appends are synchronised so readers and one appender may share it. */
public final class InMemoryLeafHashes implements LeafHashes {

    private final List<byte[]> hashes = new ArrayList<>();

    public InMemoryLeafHashes() {}

    public InMemoryLeafHashes(List<byte[]> initial) {
        initial.forEach(this::add);
    }

    public synchronized void add(byte[] leafHash) {
        if (leafHash.length != MerkleHash.LENGTH) {
            throw new IllegalArgumentException("a leaf hash has " + MerkleHash.LENGTH + " bytes");
        }
        hashes.add(leafHash.clone());
    }

    @Override
    public synchronized byte[] get(long index) {
        if (index < 0 || index >= hashes.size()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of " + hashes.size());
        }
        return hashes.get((int) index).clone();
    }

    @Override
    public synchronized long size() {
        return hashes.size();
    }
}
