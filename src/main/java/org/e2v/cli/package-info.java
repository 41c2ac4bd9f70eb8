/**
 * picocli commands: a thin layer that parses arguments, calls services and prints results. The only package that writes to System.out/err.
 */
package org.e2v.cli;
