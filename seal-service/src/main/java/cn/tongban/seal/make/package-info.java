/** Making GB/T 38540 v4 seals: {@link cn.tongban.seal.make.SealMaker} signs a validated {@link cn.tongban.seal.make.SealRequest}. */
package cn.tongban.seal.make;
