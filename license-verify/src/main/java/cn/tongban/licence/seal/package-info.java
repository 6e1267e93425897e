/** Bare GB/T 38540 seal files ({@code .esl}) verified through the same entry point and report as documents. */
package cn.tongban.licence.seal;
