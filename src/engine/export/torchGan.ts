/**
 * The PyTorch GAN code as the playground trains it: images in [−1, 1], per iteration k_D discriminator steps on
 * fresh real batches then k_G generator steps, each network with its own Adam (β1 from the settings), the
 * non-saturating or least-squares loss on D's logit, one-sided label smoothing, and clipping per network.
 */

export const GAN_DATA = [
  'x_train, y_train, x_test, y_test = load_dataset()',
  'x_train, _ = select_labels(x_train, y_train)',
  'x_test, _ = select_labels(x_test, y_test)',
  "print(f'{len(x_train)} training and {len(x_test)} test images of {IMAGE_SHAPE}')",
  '',
  '',
  'def to_tensor(images):',
  '    """uint8 N×H×W×C → float N×C×H×W in [−1, 1], the range of the generator\'s tanh."""',
  '    return torch.from_numpy(np.array(images)).permute(0, 3, 1, 2).float().div(127.5).sub(1)',
  '',
  '',
  'x_train, x_test = to_tensor(x_train), to_tensor(x_test)',
];

export function ganBuild(): string[] {
  return [
    'torch.manual_seed(SEED)',
    "device = 'cuda' if torch.cuda.is_available() else 'cpu'",
    '',
    '',
    'def noise(n):',
    "    return torch.randn(n, LATENT, device=device) if DISTRIBUTION == 'normal' else torch.rand(n, LATENT, device=device) * 2 - 1",
    '',
    '',
    'G, D = Generator(), Discriminator()',
    'check_shapes(G, noise(2).cpu())',
    'check_shapes(D, x_train[:2])',
    'G, D = G.to(device), D.to(device)',
    'g_params = [p for p in G.parameters() if p.requires_grad]',
    'd_params = [p for p in D.parameters() if p.requires_grad]',
    'opt_g = torch.optim.Adam(g_params, lr=LR_G, betas=(BETA1, 0.999), eps=1e-7)',
    'opt_d = torch.optim.Adam(d_params, lr=LR_D, betas=(BETA1, 0.999), eps=1e-7)',
    '',
    '',
    'def d_loss(real_out, fake_out):',
    '    """D wants D(x) → REAL_LABEL and D(G(z)) → 0; its output is a logit."""',
    "    if LOSS == 'nonSaturating':",
    '        return (F.binary_cross_entropy_with_logits(real_out, torch.full_like(real_out, REAL_LABEL))',
    '                + F.binary_cross_entropy_with_logits(fake_out, torch.zeros_like(fake_out)))',
    '    return 0.5 * (((real_out - REAL_LABEL) ** 2).mean() + (fake_out ** 2).mean())',
    '',
    '',
    'def g_loss(fake_out):',
    '    """Non-saturating: G minimises −log D(G(z)); least squares: (D(G(z)) − 1)² / 2."""',
    "    if LOSS == 'nonSaturating':",
    '        return F.binary_cross_entropy_with_logits(fake_out, torch.ones_like(fake_out))',
    '    return 0.5 * ((fake_out - 1) ** 2).mean()',
    '',
    '',
    'def real_probability(out):',
    "    return torch.sigmoid(out).mean().item() if LOSS == 'nonSaturating' else out.clamp(0, 1).mean().item()",
  ];
}

/** Both losses on a fixed batch of real images and fixed noise (networks in training mode, no update). */
const PROBE = [
  'probe_real = x_train[:min(256, len(x_train))].to(device)',
  'probe_z = noise(len(probe_real))',
  '',
  '',
  'def probe_losses():',
  '    with torch.no_grad():',
  '        fake_out = D(G(probe_z))',
  '        return d_loss(D(probe_real), fake_out).item(), g_loss(fake_out).item()',
  '',
  '',
];

export function ganTrain(clip: boolean): string[] {
  const clipLine = (params: string): string[] =>
    clip ? [`        torch.nn.utils.clip_grad_norm_(${params}, CLIP_NORM)`] : [];
  return [
    ...PROBE,
    'd_before, g_before = probe_losses()',
    "print(f'discriminator loss before training: {d_before:.4f}, generator loss {g_before:.4f}')",
    'sampler = EpochSampler(len(x_train), SEED)',
    'iteration = 0',
    'G.train()',
    'D.train()',
    'while sampler.epoch < EPOCHS and not (MAX_STEPS and iteration >= MAX_STEPS):',
    '    for _ in range(K_D):',
    '        real = x_train[torch.from_numpy(sampler.next(BATCH_SIZE))].to(device)',
    '        with torch.no_grad():',
    '            fake = G(noise(len(real)))',
    '        loss_d = d_loss(D(real), D(fake))',
    '        opt_d.zero_grad()',
    '        loss_d.backward()',
    ...clipLine('d_params'),
    '        opt_d.step()',
    '    for _ in range(K_G):',
    '        loss_g = g_loss(D(G(noise(BATCH_SIZE))))',
    '        opt_g.zero_grad()',
    '        loss_g.backward()',
    ...clipLine('g_params'),
    '        opt_g.step()',
    '    iteration += 1',
    '    if iteration == 1 or iteration % 50 == 0:',
    '        print(f\'iteration {iteration}  D loss {loss_d.item() if K_D else float("nan"):.4f}  G loss {loss_g.item() if K_G else float("nan"):.4f}\')',
    '',
    'd_after, g_after = probe_losses()',
    "print(f'discriminator loss after training: {d_after:.4f}, generator loss {g_after:.4f} ({iteration} iterations)')",
  ];
}

export const GAN_EVALUATE = [
  'G.eval()',
  'D.eval()',
  'with torch.no_grad():',
  '    test_real = real_probability(torch.cat([D(x_test[i:i + 256].to(device)) for i in range(0, len(x_test), 256)]))',
  '    samples = G(noise(64))',
  '    test_fake = real_probability(D(samples))',
  "print(f'test split: D says real to the test images with mean probability {test_real:.3f}, to 64 fakes {test_fake:.3f}')",
];
