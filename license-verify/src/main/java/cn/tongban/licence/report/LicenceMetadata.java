package cn.tongban.licence.report;

import java.time.LocalDate;

/**
 * Licence metadata read from the document (GB/T 36903 field set, docs/STANDARDS.md §2.2). Where it lives in a PDF and in
 * an OFD is documented in the license-verify README. Holder code is personal data: reports carry it, logs never do.
 *
 * @param identifier        电子证照标识 (GB/T 36904, docs/STANDARDS.md §2.1)
 * @param name              证照名称
 * @param typeName          证照类型名称
 * @param typeCode          证照类型代码
 * @param number            证照编号
 * @param issuer            颁发机构
 * @param issuerCode        颁发机构代码 (unified social credit code)
 * @param issueDate         颁发日期
 * @param validFrom         有效期起始
 * @param validTo           有效期截止 (null: long-term)
 * @param jurisdictionCode  管辖属地编码
 * @param holder            持证主体
 * @param holderCode        持证主体代码
 * @param holderCodeType    持证主体代码类型 ({@code 111} resident ID number, {@code 001} unified social credit code)
 * @param status            证照状态
 */
public record LicenceMetadata(
        String identifier,
        String name,
        String typeName,
        String typeCode,
        String number,
        String issuer,
        String issuerCode,
        LocalDate issueDate,
        LocalDate validFrom,
        LocalDate validTo,
        String jurisdictionCode,
        String holder,
        String holderCode,
        String holderCodeType,
        String status) {}
