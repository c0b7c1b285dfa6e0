namespace DataCenterTools.Core.Data;

public enum BadRowAction { Error, Skip, Quarantine }
