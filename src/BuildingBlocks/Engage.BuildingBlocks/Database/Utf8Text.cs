using System.Text;

namespace Engage.BuildingBlocks.Database;

/// <summary>
/// A statement argument that is text already encoded as UTF-8 (a request body as it arrived): it is
/// stored as TEXT, as a string would be, without being decoded to UTF-16 and encoded back. A plain
/// byte[] argument is stored as a BLOB.
/// </summary>
public sealed class Utf8Text(byte[] bytes)
{
    public byte[] Bytes => bytes;

    public override string ToString() => Encoding.UTF8.GetString(bytes);
}
