/**
 * The Keras GAN loop as the playground trains it (see torchGan.ts for the same in PyTorch): images in [−1, 1], per
 * iteration k_D discriminator steps on fresh real batches then k_G generator steps, one Adam per network, the
 * non-saturating or least-squares loss on D's logit, one-sided label smoothing, clipping per network.
 */
const LOOP = String.raw`
x_train, y_train, x_test, y_test = load_dataset()
x_train, _ = select_labels(x_train, y_train)
x_test, _ = select_labels(x_test, y_test)
print(f'{len(x_train)} training and {len(x_test)} test images of {IMAGE_SHAPE}')
x_train, x_test = x_train.astype('float32') / 127.5 - 1, x_test.astype('float32') / 127.5 - 1  # pixels in [-1, 1]

keras.utils.set_random_seed(SEED)
generator, discriminator = build_generator(), build_discriminator()
generator.summary()
discriminator.summary()
check_shapes(generator, GENERATOR_SHAPES)
check_shapes(discriminator, DISCRIMINATOR_SHAPES)
clip = {'global_clipnorm': CLIP_NORM} if CLIP_NORM else {}
opt_g = keras.optimizers.Adam(learning_rate=LR_G, beta_1=BETA1, **clip)
opt_d = keras.optimizers.Adam(learning_rate=LR_D, beta_1=BETA1, **clip)


def noise(n):
    if DISTRIBUTION == 'normal':
        return tf.random.normal((n, LATENT))
    return tf.random.uniform((n, LATENT), -1.0, 1.0)


def bce(logits, label):
    labels = tf.ones_like(logits) * label
    return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits))


def d_loss(real_out, fake_out):
    """D wants D(x) -> REAL_LABEL and D(G(z)) -> 0; its output is a logit."""
    if LOSS == 'nonSaturating':
        return bce(real_out, REAL_LABEL) + bce(fake_out, 0.0)
    return 0.5 * (tf.reduce_mean(tf.square(real_out - REAL_LABEL)) + tf.reduce_mean(tf.square(fake_out)))


def g_loss(fake_out):
    """Non-saturating: G minimises -log D(G(z)); least squares: (D(G(z)) - 1)^2 / 2."""
    if LOSS == 'nonSaturating':
        return bce(fake_out, 1.0)
    return 0.5 * tf.reduce_mean(tf.square(fake_out - 1.0))


def real_probability(out):
    return float(tf.reduce_mean(tf.sigmoid(out) if LOSS == 'nonSaturating' else tf.clip_by_value(out, 0.0, 1.0)))


@tf.function
def d_step(real):
    fake = generator(noise(tf.shape(real)[0]), training=True)
    with tf.GradientTape() as tape:
        loss = d_loss(discriminator(real, training=True), discriminator(fake, training=True))
    grads = tape.gradient(loss, discriminator.trainable_variables)
    opt_d.apply_gradients(zip(grads, discriminator.trainable_variables))
    return loss


@tf.function
def g_step(n):
    with tf.GradientTape() as tape:
        loss = g_loss(discriminator(generator(noise(n), training=True), training=True))
    grads = tape.gradient(loss, generator.trainable_variables)
    opt_g.apply_gradients(zip(grads, generator.trainable_variables))
    return loss


probe_real = x_train[:min(256, len(x_train))]  # a fixed batch and fixed noise to compare the losses
probe_z = noise(len(probe_real))


def probe_losses():
    fake_out = discriminator(generator(probe_z, training=True), training=True)
    return float(d_loss(discriminator(probe_real, training=True), fake_out)), float(g_loss(fake_out))


d_before, g_before = probe_losses()
print(f'discriminator loss before training: {d_before:.4f}, generator loss {g_before:.4f}')
sampler = EpochSampler(len(x_train), SEED)
iteration = 0
while sampler.epoch < EPOCHS and not (MAX_STEPS and iteration >= MAX_STEPS):
    for _ in range(K_D):
        loss_d = d_step(x_train[sampler.next(BATCH_SIZE)])
    for _ in range(K_G):
        loss_g = g_step(BATCH_SIZE)
    iteration += 1
    if iteration == 1 or iteration % 50 == 0:
        print(f'iteration {iteration}  D loss {float(loss_d) if K_D else float("nan"):.4f}'
              f'  G loss {float(loss_g) if K_G else float("nan"):.4f}')
d_after, g_after = probe_losses()
print(f'discriminator loss after training: {d_after:.4f}, generator loss {g_after:.4f} ({iteration} iterations)')

# Evaluation on the test split: how real D finds the test images and 64 fresh fakes.
test_real = real_probability(discriminator.predict(x_test, batch_size=256, verbose=0))
samples = generator(noise(64), training=False)
test_fake = real_probability(discriminator(samples, training=False))
print(f'test split: D says real to the test images with mean probability {test_real:.3f}, to 64 fakes {test_fake:.3f}')`;

/** Data, both networks, their optimizers and losses, the loop and the evaluation. */
export const kerasGanTraining = (): string[] => LOOP.slice(1).split('\n');
