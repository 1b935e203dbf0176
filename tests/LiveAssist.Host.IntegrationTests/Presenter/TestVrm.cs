using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveAssist.Host.IntegrationTests.Presenter;

/// <summary>
/// Writes a small VRM 1.0 presenter (binary glTF with the <c>VRMC_vrm</c> extension) from nothing: a humanoid skeleton
/// of the required bones, a head, hair, eyes, a neck and a torso made by turning profiles round the vertical axis, and
/// a mouth whose morph targets are the expressions aa, ih, ou, ee, oh and happy (eyes: blink). Morph targets are named
/// (<c>extras.targetNames</c>) as their expressions, so a test can read each one's weight off the rendered mesh.
/// </summary>
internal static class TestVrm
{
    public static readonly string[] MouthTargets = ["aa", "ih", "ou", "ee", "oh", "happy"];

    private sealed class Builder
    {
        public readonly MemoryStream Bin = new();
        public readonly JsonArray BufferViews = [];
        public readonly JsonArray Accessors = [];
        public readonly JsonArray Meshes = [];
        public readonly JsonArray Materials = [];
        public readonly JsonArray Nodes = [];

        public int Floats(float[] data, string type, bool minMax = false, int? target = 34962)
        {
            var bytes = new byte[data.Length * 4];
            for (var i = 0; i < data.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), data[i]);
            }

            var accessor = new JsonObject { ["bufferView"] = View(bytes, target), ["componentType"] = 5126, ["count"] = data.Length / 3, ["type"] = type };
            if (minMax)
            {
                accessor["min"] = new JsonArray(Enumerable.Range(0, 3).Select(c => (JsonNode)Enumerable.Range(0, data.Length / 3).Min(i => data[i * 3 + c])).ToArray());
                accessor["max"] = new JsonArray(Enumerable.Range(0, 3).Select(c => (JsonNode)Enumerable.Range(0, data.Length / 3).Max(i => data[i * 3 + c])).ToArray());
            }

            Accessors.Add(accessor);
            return Accessors.Count - 1;
        }

        public int Indices(int[] data)
        {
            var bytes = new byte[data.Length * 2];
            for (var i = 0; i < data.Length; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), checked((ushort)data[i]));
            }

            Accessors.Add(new JsonObject { ["bufferView"] = View(bytes, 34963), ["componentType"] = 5123, ["count"] = data.Length, ["type"] = "SCALAR" });
            return Accessors.Count - 1;
        }

        private int View(byte[] bytes, int? target)
        {
            while (Bin.Length % 4 != 0)
            {
                Bin.WriteByte(0);
            }

            var view = new JsonObject { ["buffer"] = 0, ["byteOffset"] = Bin.Length, ["byteLength"] = bytes.Length };
            if (target is { } t)
            {
                view["target"] = t;
            }

            Bin.Write(bytes);
            BufferViews.Add(view);
            return BufferViews.Count - 1;
        }

        public int Material(string name, float r, float g, float b, float roughness = 0.7f)
        {
            Materials.Add(new JsonObject
            {
                ["name"] = name,
                ["pbrMetallicRoughness"] = new JsonObject { ["baseColorFactor"] = new JsonArray(r, g, b, 1f), ["metallicFactor"] = 0f, ["roughnessFactor"] = roughness },
            });
            return Materials.Count - 1;
        }

        public int Mesh(string name, Shape shape, int material, (string Name, float[] Deltas)[]? targets = null)
        {
            var primitive = new JsonObject
            {
                ["attributes"] = new JsonObject { ["POSITION"] = Floats(shape.Positions, "VEC3", minMax: true), ["NORMAL"] = Floats(shape.Normals, "VEC3") },
                ["indices"] = Indices(shape.Indices),
                ["material"] = material,
            };
            var mesh = new JsonObject { ["name"] = name, ["primitives"] = new JsonArray(primitive) };
            if (targets is { Length: > 0 })
            {
                primitive["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)new JsonObject { ["POSITION"] = Floats(t.Deltas, "VEC3", minMax: true) })]);
                mesh["weights"] = new JsonArray([.. targets.Select(_ => (JsonNode)0f)]);
                mesh["extras"] = new JsonObject { ["targetNames"] = new JsonArray([.. targets.Select(t => (JsonNode)t.Name)]) };
            }

            Meshes.Add(mesh);
            return Meshes.Count - 1;
        }

        public int Node(string name, float x, float y, float z, int? mesh = null, params int[] children)
        {
            var node = new JsonObject { ["name"] = name, ["translation"] = new JsonArray(x, y, z) };
            if (mesh is { } m)
            {
                node["mesh"] = m;
            }

            if (children.Length > 0)
            {
                node["children"] = new JsonArray([.. children.Select(c => (JsonNode)c)]);
            }

            Nodes.Add(node);
            return Nodes.Count - 1;
        }
    }

    private sealed record Shape(float[] Positions, float[] Normals, int[] Indices);

    /// <summary>A surface of revolution: <paramref name="profile"/> is (radius, height) from top to bottom; x and z radii scaled separately.</summary>
    private static Shape Lathe((float R, float Y)[] profile, int segments, float scaleX, float scaleZ, float fromAngle = 0, float toAngle = MathF.PI * 2)
    {
        var positions = new List<float>();
        for (var p = 0; p < profile.Length; p++)
        {
            for (var s = 0; s <= segments; s++)
            {
                var a = fromAngle + (toAngle - fromAngle) * s / segments;
                positions.AddRange([MathF.Sin(a) * profile[p].R * scaleX, profile[p].Y, MathF.Cos(a) * profile[p].R * scaleZ]);
            }
        }

        var indices = new List<int>();
        for (var p = 0; p + 1 < profile.Length; p++)
        {
            for (var s = 0; s < segments; s++)
            {
                var a = p * (segments + 1) + s;
                var b = a + segments + 1;
                indices.AddRange([a, b, a + 1, a + 1, b, b + 1]);
            }
        }

        return new Shape([.. positions], Normals([.. positions], [.. indices]), [.. indices]);
    }

    private static (float R, float Y)[] Sphere(float radius, int rings, float fromPolar = 0, float toPolar = MathF.PI)
        => [.. Enumerable.Range(0, rings + 1).Select(i => fromPolar + (toPolar - fromPolar) * i / rings).Select(t => (Math.Max(1e-4f, MathF.Sin(t) * radius), MathF.Cos(t) * radius))];

    private static float[] Normals(float[] positions, int[] indices)
    {
        var normals = new float[positions.Length];
        for (var i = 0; i < indices.Length; i += 3)
        {
            var (a, b, c) = (indices[i] * 3, indices[i + 1] * 3, indices[i + 2] * 3);
            var (ux, uy, uz) = (positions[b] - positions[a], positions[b + 1] - positions[a + 1], positions[b + 2] - positions[a + 2]);
            var (vx, vy, vz) = (positions[c] - positions[a], positions[c + 1] - positions[a + 1], positions[c + 2] - positions[a + 2]);
            var (nx, ny, nz) = (uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
            foreach (var v in new[] { a, b, c })
            {
                normals[v] += nx;
                normals[v + 1] += ny;
                normals[v + 2] += nz;
            }
        }

        for (var v = 0; v < normals.Length; v += 3)
        {
            var length = MathF.Sqrt(normals[v] * normals[v] + normals[v + 1] * normals[v + 1] + normals[v + 2] * normals[v + 2]);
            if (length > 0)
            {
                // Lathe winding faces inward; flip so the outside is lit.
                normals[v] /= -length;
                normals[v + 1] /= -length;
                normals[v + 2] /= -length;
            }
        }

        return normals;
    }

    private static Shape Flip(Shape shape)
    {
        var indices = (int[])shape.Indices.Clone();
        for (var i = 0; i < indices.Length; i += 3)
        {
            (indices[i + 1], indices[i + 2]) = (indices[i + 2], indices[i + 1]);
        }

        return shape with { Indices = indices };
    }

    // The mouth: a flat lens of N points round its rim plus a centre, facing +z; each expression moves the rim.
    private const int MouthRim = 24;

    private static (float X, float Y) MouthPoint(int i, float width, float top, float bottom, float lift)
    {
        var a = MathF.PI * 2 * i / MouthRim;
        var x = MathF.Cos(a) * width / 2;
        var y = MathF.Sin(a) >= 0 ? MathF.Sin(a) * top : MathF.Sin(a) * bottom;
        return (x, y + lift * (x * x) / (width * width / 4)); // lift raises the corners (a smile)
    }

    private static float[] MouthPositions(float width, float top, float bottom, float lift)
    {
        var positions = new List<float> { 0, 0, 0 };
        for (var i = 0; i < MouthRim; i++)
        {
            var (x, y) = MouthPoint(i, width, top, bottom, lift);
            positions.AddRange([x, y, 0]);
        }

        return [.. positions];
    }

    public static byte[] Build()
    {
        var b = new Builder();
        // Colours are linear (glTF's baseColorFactor), not sRGB.
        var skin = b.Material("skin", 0.8f, 0.5f, 0.36f, 0.85f);
        var hair = b.Material("hair", 0.025f, 0.014f, 0.01f, 0.45f);
        var suit = b.Material("suit", 0.025f, 0.055f, 0.14f, 0.65f);
        var shirt = b.Material("shirt", 0.85f, 0.86f, 0.9f, 0.7f);
        var dark = b.Material("eyes", 0.01f, 0.007f, 0.006f, 0.25f);
        var lips = b.Material("mouth", 0.3f, 0.03f, 0.045f, 0.5f);

        var headMesh = b.Mesh("head", Flip(Lathe(Sphere(0.1f, 20), 32, 0.92f, 1f)), skin);
        // Hair: a fringe over the top of the head, and the back and sides down to the jaw, open at the face.
        var hairTopMesh = b.Mesh("hairTop", Flip(Lathe(Sphere(0.107f, 10, 0, MathF.PI * 0.3f), 32, 0.97f, 1.03f)), hair);
        var hairMesh = b.Mesh("hair", Flip(Lathe(Sphere(0.109f, 16, 0, MathF.PI * 0.7f), 32, 0.99f, 1.04f, 0.95f, MathF.PI * 2 - 0.95f)), hair);
        var neckMesh = b.Mesh("neck", Flip(Lathe([(0.048f, 0.07f), (0.054f, -0.06f)], 20, 1f, 0.9f)), skin);
        var torsoMesh = b.Mesh("torso", Flip(Lathe(
            [(0.0001f, 0.245f), (0.065f, 0.24f), (0.13f, 0.215f), (0.19f, 0.17f), (0.21f, 0.1f), (0.2f, 0.0f), (0.17f, -0.2f), (0.16f, -0.35f), (0.0001f, -0.36f)], 48, 1f, 0.58f)), suit);
        var browShape = Lathe(Sphere(0.017f, 6), 10, 1.2f, 0.35f);
        var browPositions = new List<float>();
        var browIndices = new List<int>();
        foreach (var side in new[] { -0.037f, 0.037f })
        {
            var offset = browPositions.Count / 3;
            for (var v = 0; v < browShape.Positions.Length; v += 3)
            {
                browPositions.AddRange([browShape.Positions[v] + side, browShape.Positions[v + 1] * 0.22f, browShape.Positions[v + 2]]);
            }

            browIndices.AddRange(browShape.Indices.Select(i => i + offset));
        }

        var browsMesh = b.Mesh("brows", Flip(new Shape([.. browPositions], Normals([.. browPositions], [.. browIndices]), [.. browIndices])), hair);
        var collarMesh = b.Mesh("collar", Flip(Lathe([(0.055f, 0.235f), (0.085f, 0.19f), (0.04f, 0.08f)], 16, 1f, 0.75f, -0.7f, 0.7f)), shirt);

        // Eyes: two flattened spheres in one mesh; blink squashes them.
        var eye = Lathe(Sphere(0.013f, 8), 12, 1f, 0.5f);
        var eyePositions = new List<float>();
        var eyeIndices = new List<int>();
        foreach (var side in new[] { -0.036f, 0.036f })
        {
            var offset = eyePositions.Count / 3;
            for (var v = 0; v < eye.Positions.Length; v += 3)
            {
                eyePositions.AddRange([eye.Positions[v] + side, eye.Positions[v + 1] * 1.2f, eye.Positions[v + 2]]);
            }

            eyeIndices.AddRange(eye.Indices.Select(i => i + offset));
        }

        var eyeShape = Flip(new Shape([.. eyePositions], Normals([.. eyePositions], [.. eyeIndices]), [.. eyeIndices]));
        var blink = new float[eyeShape.Positions.Length];
        for (var v = 0; v < blink.Length; v += 3)
        {
            blink[v + 1] = -eyeShape.Positions[v + 1] * 0.9f;
        }

        var eyesMesh = b.Mesh("eyes", eyeShape, dark, [("blink", blink)]);

        var rest = MouthPositions(0.042f, 0.002f, 0.003f, 0f);
        float[] Target(float width, float top, float bottom, float lift) => [.. MouthPositions(width, top, bottom, lift).Zip(rest, (a, c) => a - c)];
        var mouthIndices = Enumerable.Range(0, MouthRim).SelectMany(i => new[] { 0, 1 + i, 1 + (i + 1) % MouthRim }).ToArray();
        var mouthShape = new Shape(rest, [.. Enumerable.Range(0, rest.Length / 3).SelectMany(_ => new[] { 0f, 0f, 1f })], mouthIndices);
        var mouthMesh = b.Mesh("mouth", mouthShape, lips,
        [
            ("aa", Target(0.046f, 0.012f, 0.034f, 0f)),
            ("ih", Target(0.054f, 0.006f, 0.012f, 0.002f)),
            ("ou", Target(0.022f, 0.01f, 0.014f, 0f)),
            ("ee", Target(0.05f, 0.008f, 0.02f, 0f)),
            ("oh", Target(0.03f, 0.014f, 0.024f, 0f)),
            ("happy", Target(0.05f, 0.003f, 0.008f, 0.008f)),
        ]);

        // Skeleton (VRM 1.0 required bones, y up, facing +z), with the meshes hung on the bones they move with.
        var headParts = new[]
        {
            b.Node("headMesh", 0, 0.09f, 0, headMesh),
            b.Node("hairTopMesh", 0, 0.096f, -0.002f, hairTopMesh),
            b.Node("hairMesh", 0, 0.094f, -0.008f, hairMesh),
            b.Node("eyesMesh", 0, 0.1f, 0.092f, eyesMesh),
            b.Node("browsMesh", 0, 0.128f, 0.09f, browsMesh),
            b.Node("mouthMesh", 0, 0.045f, 0.094f, mouthMesh),
        };
        var head = b.Node("head", 0, 0.06f, 0, null, headParts);
        var neck = b.Node("neck", 0, 0.2f, 0, neckMesh, head);
        int Arm(string side, float sign)
        {
            var hand = b.Node(side + "Hand", sign * 0.22f, 0, 0);
            var lower = b.Node(side + "LowerArm", sign * 0.24f, 0, 0, null, hand);
            return b.Node(side + "UpperArm", sign * 0.17f, 0.16f, 0, null, lower);
        }

        var leftArm = Arm("left", 1);
        var rightArm = Arm("right", -1);
        var chest = b.Node("chest", 0, 0.12f, 0, null, neck, leftArm, rightArm, b.Node("collarMesh", 0, 0, 0.005f, collarMesh));
        var spine = b.Node("spine", 0, 0.1f, 0, null, chest, b.Node("torsoMesh", 0, 0.12f, 0, torsoMesh));
        int Leg(string side, float sign)
        {
            var foot = b.Node(side + "Foot", 0, -0.42f, 0.02f);
            var lower = b.Node(side + "LowerLeg", 0, -0.42f, 0, null, foot);
            return b.Node(side + "UpperLeg", sign * 0.09f, -0.05f, 0, null, lower);
        }

        var leftLeg = Leg("left", 1);
        var rightLeg = Leg("right", -1);
        var hips = b.Node("hips", 0, 0.95f, 0, null, spine, leftLeg, rightLeg);

        JsonObject Bone(string name) => new() { ["node"] = b.Nodes.Select((n, i) => (n, i)).First(p => (string?)p.n!["name"] == name).i };
        var humanBones = new JsonObject();
        foreach (var bone in new[] { "hips", "spine", "chest", "neck", "head", "leftUpperArm", "leftLowerArm", "leftHand", "rightUpperArm", "rightLowerArm", "rightHand",
                     "leftUpperLeg", "leftLowerLeg", "leftFoot", "rightUpperLeg", "rightLowerLeg", "rightFoot" })
        {
            humanBones[bone] = Bone(bone);
        }

        var mouthNode = headParts[5];
        var eyesNode = headParts[3];
        var presets = new JsonObject();
        for (var i = 0; i < MouthTargets.Length; i++)
        {
            presets[MouthTargets[i]] = new JsonObject { ["morphTargetBinds"] = new JsonArray(new JsonObject { ["node"] = mouthNode, ["index"] = i, ["weight"] = 1.0 }), ["isBinary"] = false };
        }

        presets["blink"] = new JsonObject { ["morphTargetBinds"] = new JsonArray(new JsonObject { ["node"] = eyesNode, ["index"] = 0, ["weight"] = 1.0 }), ["isBinary"] = false };

        var gltf = new JsonObject
        {
            ["asset"] = new JsonObject { ["version"] = "2.0", ["generator"] = "LiveAssist tests (TestVrm)" },
            ["extensionsUsed"] = new JsonArray("VRMC_vrm"),
            ["extensions"] = new JsonObject
            {
                ["VRMC_vrm"] = new JsonObject
                {
                    ["specVersion"] = "1.0",
                    ["meta"] = new JsonObject
                    {
                        ["name"] = "LiveAssist test presenter", ["version"] = "1", ["authors"] = new JsonArray("LiveAssist tests"),
                        ["licenseUrl"] = "https://vrm.dev/licenses/1.0/", ["avatarPermission"] = "everyone", ["commercialUsage"] = "corporation",
                        ["allowExcessivelyViolentUsage"] = false, ["allowExcessivelySexualUsage"] = false, ["allowPoliticalOrReligiousUsage"] = false,
                        ["allowAntisocialOrHateUsage"] = false, ["creditNotation"] = "unnecessary", ["allowRedistribution"] = true, ["modification"] = "allowModificationRedistribution",
                    },
                    ["humanoid"] = new JsonObject { ["humanBones"] = humanBones },
                    ["expressions"] = new JsonObject { ["preset"] = presets },
                },
            },
            ["scene"] = 0,
            ["scenes"] = new JsonArray(new JsonObject { ["nodes"] = new JsonArray(hips) }),
            ["nodes"] = b.Nodes,
            ["meshes"] = b.Meshes,
            ["materials"] = b.Materials,
            ["accessors"] = b.Accessors,
            ["bufferViews"] = b.BufferViews,
            ["buffers"] = new JsonArray(new JsonObject { ["byteLength"] = b.Bin.Length }),
        };
        return Glb(gltf.ToJsonString(), b.Bin.ToArray());
    }

    /// <summary>Binary glTF: header, JSON chunk padded with spaces, BIN chunk padded with zeros.</summary>
    public static byte[] Glb(string json, byte[] bin)
    {
        var jsonBytes = Encoding.UTF8.GetBytes(json);
        var jsonPadded = (jsonBytes.Length + 3) / 4 * 4;
        var binPadded = (bin.Length + 3) / 4 * 4;
        var total = 12 + 8 + jsonPadded + (bin.Length > 0 ? 8 + binPadded : 0);
        var glb = new byte[total];
        BinaryPrimitives.WriteUInt32LittleEndian(glb, 0x46546C67);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(8), (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(12), (uint)jsonPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(16), 0x4E4F534A);
        jsonBytes.CopyTo(glb, 20);
        glb.AsSpan(20 + jsonBytes.Length, jsonPadded - jsonBytes.Length).Fill((byte)' ');
        if (bin.Length > 0)
        {
            var at = 20 + jsonPadded;
            BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(at), (uint)binPadded);
            BinaryPrimitives.WriteUInt32LittleEndian(glb.AsSpan(at + 4), 0x004E4942);
            bin.CopyTo(glb, at + 8);
        }

        return glb;
    }

    /// <summary>The same file without its mouth expressions: a VRM the studio must refuse.</summary>
    public static byte[] WithoutMouth()
    {
        var glb = Build();
        var jsonLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(12));
        var json = JsonNode.Parse(Encoding.UTF8.GetString(glb, 20, jsonLength).TrimEnd())!;
        var presets = json["extensions"]!["VRMC_vrm"]!["expressions"]!["preset"]!.AsObject();
        foreach (var name in new[] { "aa", "ih", "ou", "ee", "oh" })
        {
            presets.Remove(name);
        }

        var binAt = 20 + jsonLength;
        var binLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(binAt));
        return Glb(json.ToJsonString(), glb.AsSpan(binAt + 8, binLength).ToArray());
    }

    internal static JsonElement Json(byte[] glb)
        => JsonDocument.Parse(Encoding.UTF8.GetString(glb, 20, (int)BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(12))).TrimEnd()).RootElement.Clone();
}
