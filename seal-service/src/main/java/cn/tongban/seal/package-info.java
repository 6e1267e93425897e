/** Tongban seal-service module. */
package cn.tongban.seal;
