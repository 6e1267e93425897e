package cn.tongban.seal.codec;

/** ExtData: extension OID, criticality (DEFAULT FALSE) and the value octets. */
public record ExtData(String extnId, boolean critical, Bytes extnValue) {}
