namespace DataCenterTools.Core.Data;

public enum DataFormat { Auto, Csv, Tsv, JsonLines, Parquet }
