using System.Text;
namespace DataCenterTools.Core.Data;

public enum BadRowAction { Error, Skip, Quarantine }
