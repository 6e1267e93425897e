package cn.tongban.exchange;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A delivered pull: the records (only authorised fields, sensitive ones masked), the fields delivered, which of
 * them were masked, the SHA-256 of the delivered records' canonical JSON, and the access-log sequence number of
 * the durable entry that recorded the delivery.
 */
public record PullResult(
        String resourceCode,
        ArrayNode records,
        List<String> fieldsDelivered,
        List<String> fieldsMasked,
        String responseDigest,
        long accessLogSequence) {}
