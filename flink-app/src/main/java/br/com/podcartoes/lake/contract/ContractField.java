package br.com.podcartoes.lake.contract;

/** One column of a delivered file, as the data contract names and types it. */
public record ContractField(String name, FieldKind kind, String description) {}
