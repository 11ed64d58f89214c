namespace Thumbnails.ShareWorker;

/// <summary>A request for a thumbnail of an image, as JSON on the images topic.</summary>
/// <param name="Url">Where the image is.</param>
/// <param name="Width">The thumbnail's width in pixels.</param>
public sealed record ThumbnailRequest(string Url, int Width);
