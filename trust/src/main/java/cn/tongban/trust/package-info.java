/** Tongban trust module. */
package cn.tongban.trust;
