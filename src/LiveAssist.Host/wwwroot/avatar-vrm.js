// The merchant's own presenter model: a VRM 1.0 / 0.x (three-vrm) or a glTF with viseme or ARKit morph targets,
// drawn with three.js in the presenter card. The mouth follows the line's viseme track (set by avatar.js through
// viseme(id)) as VRM expressions aa / ih / ou / ee / oh, eased so a shape is reached well within 100 ms; between
// and under the lines it breathes, blinks and moves its head a little; greetings and thanks smile (happy).
// Every frame while a line plays is logged in window.__presenter.frames with the mesh's actual morph weights.
import * as THREE from 'three';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';
import { VRMLoaderPlugin, VRMUtils } from '@pixiv/three-vrm';

const VOWELS = ['aa', 'ih', 'ou', 'ee', 'oh'];

// Azure viseme id (docs/visemes.md) → weights of aa, ih, ou, ee, oh.
const MOUTH = [
  [0, 0, 0, 0, 0], [0.5, 0, 0, 0.1, 0], [1, 0, 0, 0, 0], [0.2, 0, 0, 0, 0.8], [0.1, 0, 0, 0.7, 0], [0, 0, 0.35, 0.25, 0],
  [0, 0.8, 0, 0.1, 0], [0, 0, 0.9, 0, 0], [0, 0, 0.1, 0, 0.9], [0.7, 0, 0.3, 0, 0], [0, 0.2, 0, 0, 0.7], [0.7, 0.3, 0, 0, 0],
  [0.35, 0, 0, 0.1, 0], [0, 0, 0.45, 0, 0.1], [0.2, 0.35, 0, 0, 0], [0, 0.45, 0, 0.1, 0], [0, 0, 0.55, 0, 0.1], [0, 0.15, 0, 0.3, 0],
  [0, 0.2, 0, 0, 0], [0.1, 0.3, 0, 0.1, 0], [0.35, 0.1, 0, 0, 0], [0, 0, 0, 0, 0],
];

// A plain glTF names its morph targets its own way: the first name found drives the expression.
const GLTF_NAMES = {
  aa: ['aa', 'viseme_aa', 'jawOpen', 'mouthOpen', 'A'], ih: ['ih', 'viseme_I', 'I'], ou: ['ou', 'viseme_U', 'mouthPucker', 'U'],
  ee: ['ee', 'viseme_E', 'E'], oh: ['oh', 'viseme_O', 'mouthFunnel', 'O'], blink: ['blink', 'eyeBlinkLeft', 'eyeBlinkRight', 'eyesClosed', 'Blink'],
  happy: ['happy', 'mouthSmileLeft', 'mouthSmileRight', 'mouthSmile', 'Joy'],
};

// Seconds for the mouth to get 63 % of the way to a new shape (95 % in about 100 ms).
const MOUTH_EASE = 0.033;

export async function create(canvas, url, framing, state) {
  const renderer = new THREE.WebGLRenderer({ canvas, alpha: true, antialias: true });
  renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
  renderer.outputColorSpace = THREE.SRGBColorSpace;
  renderer.setClearColor(0x000000, 0);
  const scene = new THREE.Scene();
  scene.add(new THREE.HemisphereLight(0xffffff, 0x6d7e93, 1.1));
  const key = new THREE.DirectionalLight(0xfff4e8, 1.7);
  key.position.set(0.8, 1.9, 2.4);
  scene.add(key);
  const fill = new THREE.DirectionalLight(0xdde8ff, 0.5);
  fill.position.set(-1.5, 1.2, 1.5);
  scene.add(fill);
  const rim = new THREE.DirectionalLight(0xcfe0ff, 0.9);
  rim.position.set(-0.8, 2, -2);
  scene.add(rim);
  const camera = new THREE.PerspectiveCamera(22, 5 / 6, 0.05, 30);

  const loader = new GLTFLoader();
  loader.register(parser => new VRMLoaderPlugin(parser));
  const gltf = await loader.loadAsync(url);
  const vrm = gltf.userData.vrm || null;
  const root = vrm ? vrm.scene : gltf.scene;
  if (vrm) {
    VRMUtils.removeUnnecessaryVertices(root);
    VRMUtils.rotateVRM0(vrm); // 0.x models face -z; 1.0 faces +z, as the camera expects
    root.traverse(o => { o.frustumCulled = false; });
  }
  scene.add(root);
  canvas.hidden = false;

  const meshes = [];
  root.traverse(o => { if (o.isMesh && o.morphTargetDictionary && o.morphTargetInfluences) meshes.push(o); });
  const bone = name => (vrm && vrm.humanoid ? vrm.humanoid.getNormalizedBoneNode(name) : null);
  state.model = {
    kind: vrm ? (vrm.meta && vrm.meta.metaVersion === '0' ? 'vrm0' : 'vrm1') : 'gltf',
    expressions: vrm && vrm.expressionManager ? vrm.expressionManager.expressions.map(e => e.expressionName) : Object.keys(GLTF_NAMES),
    morphTargets: [...new Set(meshes.flatMap(m => Object.keys(m.morphTargetDictionary)))],
  };

  // Arms down from the T-pose a model is made in; a relaxed stance.
  const rest = {};
  for (const [name, z] of [['leftUpperArm', -1.2], ['rightUpperArm', 1.2], ['leftLowerArm', -0.15], ['rightLowerArm', 0.15]]) {
    const node = bone(name);
    if (node) node.rotation.z = z;
  }
  for (const name of ['spine', 'chest', 'neck', 'head']) {
    const node = bone(name);
    if (node) rest[name] = node.rotation.clone();
  }
  if (vrm) vrm.update(0);

  // Framing: from the top of the hair down to the chin (head), the chest (bust) or the waist (half body).
  root.updateMatrixWorld(true);
  const box = new THREE.Box3().setFromObject(root);
  const headNode = vrm && vrm.humanoid ? vrm.humanoid.getRawBoneNode('head') : null;
  const hipsNode = vrm && vrm.humanoid ? vrm.humanoid.getRawBoneNode('hips') : null;
  const top = box.max.y;
  const headY = headNode ? headNode.getWorldPosition(new THREE.Vector3()).y : top - 0.22;
  const hipsY = hipsNode ? hipsNode.getWorldPosition(new THREE.Vector3()).y : box.min.y + (box.max.y - box.min.y) * 0.53;
  const bottoms = { head: headY - 0.08, bust: headY - 0.36, half: hipsY - 0.02 };
  function frame(kind) {
    const upper = top + (kind === 'head' ? 0.05 : 0.035);
    const lower = Math.min(bottoms[kind] ?? bottoms.bust, upper - 0.2);
    const height = upper - lower;
    const centre = (upper + lower) / 2;
    const distance = height / 2 / Math.tan(THREE.MathUtils.degToRad(camera.fov / 2));
    camera.position.set(0, centre, distance);
    camera.lookAt(0, centre, 0);
  }
  frame(framing);
  // How much of the card's height the head takes (hair top to chin): what the framing setting changes.
  state.headScreenShare = () => {
    const upper = new THREE.Vector3(0, top, 0).project(camera);
    const chin = new THREE.Vector3(0, headY - 0.03, 0).project(camera);
    return (upper.y - chin.y) / 2;
  };

  const value = {};
  const target = { aa: 0, ih: 0, ou: 0, ee: 0, oh: 0, blink: 0, happy: 0 };
  for (const name of Object.keys(target)) value[name] = 0;
  function set(name, weight) {
    if (vrm && vrm.expressionManager) {
      if (vrm.expressionManager.getExpression(name)) vrm.expressionManager.setValue(name, weight);
      return;
    }
    for (const mesh of meshes) {
      const index = GLTF_NAMES[name].map(n => mesh.morphTargetDictionary[n]).find(i => i !== undefined);
      if (index !== undefined) mesh.morphTargetInfluences[index] = weight;
    }
  }
  function morphs() {
    const weights = {};
    for (const mesh of meshes) {
      for (const [name, index] of Object.entries(mesh.morphTargetDictionary)) {
        weights[name] = Math.max(weights[name] || 0, Math.round(mesh.morphTargetInfluences[index] * 1000) / 1000);
      }
    }
    return weights;
  }
  state.morphs = morphs;

  let viseme = 0;
  let mood = null;
  let nextBlink = performance.now() + 1500;
  let blinkStart = -1;
  let last = performance.now();
  let running = true;
  const started = last;

  function resize() {
    const width = canvas.clientWidth, height = canvas.clientHeight;
    if (width && height && (canvas.width !== Math.round(width * renderer.getPixelRatio()) || canvas.height !== Math.round(height * renderer.getPixelRatio()))) {
      renderer.setSize(width, height, false);
      camera.aspect = width / height;
      camera.updateProjectionMatrix();
    }
  }

  function tick(now) {
    if (!running) return;
    const dt = Math.min(0.25, Math.max(0, (now - last) / 1000));
    last = now;
    const t = (now - started) / 1000;
    resize();

    if (state.visemeNow && state.audioMs() !== null) viseme = state.visemeNow();
    const shape = MOUTH[viseme] || MOUTH[1];
    VOWELS.forEach((name, i) => { target[name] = shape[i]; });
    target.happy = mood === 'happy' ? 0.55 : 0;
    // Blinks every 2.5–6 s, 140 ms each; never mid-word is not a rule people notice, so they are random.
    if (blinkStart < 0 && now >= nextBlink) blinkStart = now;
    if (blinkStart >= 0) {
      const p = (now - blinkStart) / 140;
      target.blink = p < 0.5 ? p * 2 : Math.max(0, 2 - p * 2);
      if (p >= 1) { blinkStart = -1; target.blink = 0; nextBlink = now + 2500 + Math.random() * 3500; }
    }
    const ease = 1 - Math.exp(-dt / MOUTH_EASE);
    for (const name of VOWELS) value[name] += (target[name] - value[name]) * ease;
    value.happy += (target.happy - value.happy) * (1 - Math.exp(-dt / 0.25));
    value.blink = target.blink;
    for (const [name, weight] of Object.entries(value)) set(name, weight);

    // Idle: breathing in the spine and chest, a slow look around, a little more life while speaking.
    const speaking = state.audioMs() !== null;
    const turn = (name, x, y, z) => {
      const node = bone(name);
      if (node && rest[name]) node.rotation.set(rest[name].x + x, rest[name].y + y, rest[name].z + z);
    };
    const breath = Math.sin(t * Math.PI * 2 / 4.2);
    turn('spine', breath * 0.012, Math.sin(t * 0.31) * 0.02, 0);
    turn('chest', breath * 0.018, 0, Math.sin(t * 0.23) * 0.01);
    turn('neck', 0, Math.sin(t * 0.47) * 0.03, 0);
    turn('head', Math.sin(t * 0.71) * 0.03 + (speaking ? Math.sin(t * 5.1) * 0.012 : 0), Math.sin(t * 0.53 + 1) * 0.06, Math.sin(t * 0.37) * 0.025);
    if (!vrm) root.rotation.y = Math.sin(t * 0.4) * 0.03;

    if (vrm) vrm.update(dt);
    renderer.render(scene, camera);
    if (speaking && state.frames.length < 20000) {
      state.frames.push({ wall: now, audioMs: state.audioMs(), seq: state.seq(), viseme, mood, morphs: morphs() });
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);

  return {
    viseme(id) { viseme = id; },
    mood(m) { mood = m; },
    framing(kind) { frame(kind); },
    dispose() { running = false; renderer.dispose(); canvas.hidden = true; },
  };
}
