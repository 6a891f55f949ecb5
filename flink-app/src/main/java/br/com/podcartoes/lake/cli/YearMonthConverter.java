package br.com.podcartoes.lake.cli;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code YYYY-MM}, strictly. */
public final class YearMonthConverter implements ITypeConverter<YearMonth> {
    @Override
    public YearMonth convert(String value) {
        if (!value.matches("\\d{4}-\\d{2}")) {
            throw new TypeConversionException("'" + value + "' não é um mês YYYY-MM");
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' não é um mês YYYY-MM");
        }
    }
}
